#include "widgets/compare/plot_export.h"

#include <qcustomplot.h>

#include <QBuffer>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSaveFile>
#include <QSvgGenerator>

#include <algorithm>

namespace avt::widgets {

namespace {

// The translation context of the messages below.
struct PlotExport {
    Q_DECLARE_TR_FUNCTIONS(avt::widgets::PlotExport)
};

} // namespace

Status savePlotImage(QCustomPlot *plot, const QString &path, const QString &title, int minWidth, int minHeight)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    const QString shown = QDir::toNativeSeparators(path);
    if (suffix != QLatin1String("png") && suffix != QLatin1String("svg") && suffix != QLatin1String("pdf"))
        return makeError(QStringLiteral("format"),
                         PlotExport::tr("%1: unknown image format (use .png, .svg or .pdf)").arg(shown));
    if (!QFileInfo(path).absoluteDir().exists())
        return makeError(QStringLiteral("missing"), PlotExport::tr("Cannot write %1: no such folder").arg(shown));
    const int w = std::max(plot->width(), minWidth), h = std::max(plot->height(), minHeight);
    if (suffix == QLatin1String("png")) {
        if (!plot->savePng(path, w, h, 2.0))
            return makeError(QStringLiteral("write"), PlotExport::tr("Cannot write %1").arg(shown));
        return Ok{};
    }
    if (suffix == QLatin1String("pdf")) {
        if (!plot->savePdf(path, w, h))
            return makeError(QStringLiteral("write"), PlotExport::tr("Cannot write %1").arg(shown));
        return Ok{};
    }
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator svg;
    svg.setOutputDevice(&buffer);
    svg.setSize(QSize(w, h));
    svg.setViewBox(QRect(0, 0, w, h));
    svg.setTitle(title);
    QCPPainter painter;
    if (painter.begin(&svg)) {
        plot->toPainter(&painter, w, h);
        painter.end();
    }
    QSaveFile file(path);
    if (buffer.data().isEmpty() || !file.open(QIODevice::WriteOnly) || file.write(buffer.data()) != buffer.size()
        || !file.commit())
        return makeError(QStringLiteral("write"), PlotExport::tr("Cannot write %1: %2").arg(shown, file.errorString()));
    return Ok{};
}

} // namespace avt::widgets
