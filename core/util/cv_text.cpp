#include "core/util/cv_text.h"

#include <opencv2/imgproc.hpp>

namespace avt {
namespace {

constexpr int kFont = cv::FONT_HERSHEY_SIMPLEX;
constexpr double kMinShrink = 0.7;

} // namespace

int textLineWidth(const QString &text, double scale)
{
    int baseline = 0;
    return cv::getTextSize(text.toStdString(), kFont, scale, 1, &baseline).width;
}

FittedLine fitTextLine(const QString &text, double scale, int maxWidth)
{
    FittedLine f{text, scale};
    const double smallest = scale * kMinShrink;
    // Glyph widths round to pixels, so step down until it fits rather than trusting the ratio.
    while (textLineWidth(f.text, f.scale) > maxWidth && f.scale > smallest)
        f.scale = std::max(smallest, f.scale * 0.97);
    // Still too wide at the smallest scale: keep the start and the end, drop the middle.
    for (int keep = int(text.size()) - 1; keep > 8 && textLineWidth(f.text, f.scale) > maxWidth; --keep) {
        const int head = keep / 2;
        f.text = text.left(head) + QStringLiteral("...") + text.right(keep - head);
    }
    return f;
}

double drawTextLine(cv::Mat &img, const QString &text, cv::Point at, double scale, const cv::Scalar &colour,
                    int maxWidth)
{
    if (maxWidth <= 0)
        maxWidth = img.cols - at.x - 4;
    const FittedLine f = fitTextLine(text, scale, std::max(maxWidth, 1));
    cv::putText(img, f.text.toStdString(), at, kFont, f.scale, colour, 1, cv::LINE_AA);
    return f.scale;
}

} // namespace avt
