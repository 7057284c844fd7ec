#include "core/util/png_file.h"

#include <opencv2/imgcodecs.hpp>

#include <QFile>

#include <vector>

namespace avt {

Status writePngFile(const QString &path, const cv::Mat &image)
{
    std::vector<std::uint8_t> png;
    try {
        if (image.empty() || !cv::imencode(".png", image, png))
            return makeError(QStringLiteral("io"), QStringLiteral("%1: PNG encoding failed").arg(path));
    } catch (const cv::Exception &e) {
        return makeError(QStringLiteral("io"),
                         QStringLiteral("%1: PNG encoding failed (%2)").arg(path, QString::fromStdString(e.msg)));
    }
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly)
        || f.write(reinterpret_cast<const char *>(png.data()), qint64(png.size())) != qint64(png.size()))
        return makeError(QStringLiteral("io"), QStringLiteral("%1: cannot write (%2)").arg(path, f.errorString()));
    return Ok{};
}

} // namespace avt
