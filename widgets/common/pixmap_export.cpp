#include "widgets/common/pixmap_export.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QPainter>
#include <QPdfWriter>
#include <QPixmap>

namespace avt::widgets {

namespace {

// The translation context of the messages below.
struct PixmapExport {
    Q_DECLARE_TR_FUNCTIONS(avt::widgets::PixmapExport)
};

} // namespace

Status savePixmap(const QPixmap &pixmap, const QString &file)
{
    if (!file.endsWith(QLatin1String(".pdf"), Qt::CaseInsensitive)) {
        if (!pixmap.save(file, "PNG"))
            return makeError(QStringLiteral("io"), PixmapExport::tr("%1: cannot write the PNG").arg(file));
        return Ok{};
    }
    QPdfWriter pdf(file);
    pdf.setPageSize(QPageSize(QSizeF(pixmap.width(), pixmap.height()), QPageSize::Point));
    pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
    pdf.setResolution(72);
    QPainter p;
    if (!p.begin(&pdf))
        return makeError(QStringLiteral("io"), PixmapExport::tr("%1: cannot write the PDF").arg(file));
    p.drawPixmap(QRect(0, 0, pixmap.width(), pixmap.height()), pixmap);
    p.end();
    if (QFileInfo(file).size() <= 0)
        return makeError(QStringLiteral("io"), PixmapExport::tr("%1: nothing written").arg(file));
    return Ok{};
}

} // namespace avt::widgets
