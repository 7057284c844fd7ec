#include "widgets/shell/about_dialog.h"

#include "core/util/versions.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include <qcustomplot.h>

namespace avt::widgets {

namespace {

QList<QPair<QString, QString>> versionRows()
{
    const util::LibraryVersions v = util::libraryVersions();
    return {
        {AboutDialog::tr("AVT Workbench"), v.workbench},
        {AboutDialog::tr("Qt"), v.qt},
        {AboutDialog::tr("LibTorch"), v.torch},
        {AboutDialog::tr("CUDA"), v.cudaAvailable ? AboutDialog::tr("available") : AboutDialog::tr("not available")},
        {AboutDialog::tr("FFmpeg"), AboutDialog::tr("%1 (libavformat %2)").arg(v.ffmpeg, v.avformat)},
        {AboutDialog::tr("OpenCV"), v.opencv},
        {AboutDialog::tr("SQLite"), v.sqlite},
        {AboutDialog::tr("QCustomPlot"), QStringLiteral(QCUSTOMPLOT_VERSION_STR)},
    };
}

} // namespace

QString AboutDialog::versionText()
{
    QString text;
    for (const auto &[name, value] : versionRows())
        text += QStringLiteral("%1: %2\n").arg(name, value);
    return text;
}

QString AboutDialog::licenceText()
{
    return tr("Free software under the GNU General Public License, version 3 or later (see the LICENSE "
              "file); it links QCustomPlot (GPL-3), Qt and FFmpeg (LGPL), LibTorch (BSD) and OpenCV "
              "(Apache-2.0). It comes with absolutely no warranty.");
}

AboutDialog::AboutDialog(QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("About AVT Workbench"));
    auto *intro = new QLabel(tr("<h3>AVT Workbench</h3><p>A research workbench for audio-visual transformers: "
                                "datasets, audio activity segments, training runs and their results.</p>"),
                             this);
    intro->setWordWrap(true);
    auto *licence = new QLabel(licenceText(), this);
    licence->setWordWrap(true);
    licence->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *form = new QFormLayout;
    for (const auto &[name, value] : versionRows()) {
        auto *label = new QLabel(value, this);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        form->addRow(name + QLatin1Char(':'), label);
    }
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *copy = buttons->addButton(tr("&Copy versions"), QDialogButtonBox::ActionRole);
    connect(copy, &QPushButton::clicked, this, [] { QApplication::clipboard()->setText(versionText()); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(licence);
    layout->addWidget(buttons);
}

} // namespace avt::widgets
