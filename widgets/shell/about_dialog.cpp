#include "widgets/shell/about_dialog.h"

#include "core/util/versions.h"

#include "widgets/shell/app_icon.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFile>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTextBrowser>
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

QString AboutDialog::fullLicence()
{
    ensureResources();
    QFile f(QStringLiteral(":/licences/LICENSE"));
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

AboutDialog::AboutDialog(QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("About AVT Workbench"));
    setWindowIcon(applicationIcon());
    auto *icon = new QLabel(this);
    icon->setObjectName(QStringLiteral("aboutIcon"));
    icon->setPixmap(applicationIcon().pixmap(64, 64));
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
    QPushButton *licenceButton = buttons->addButton(tr("&Licence…"), QDialogButtonBox::ActionRole);
    connect(licenceButton, &QPushButton::clicked, this, [this] {
        auto *d = new QDialog(this);
        d->setAttribute(Qt::WA_DeleteOnClose);
        d->setWindowTitle(tr("Licence"));
        auto *text = new QTextBrowser(d);
        text->setObjectName(QStringLiteral("licenceText"));
        text->setPlainText(fullLicence());
        text->setLineWrapMode(QTextEdit::NoWrap);
        auto *close = new QDialogButtonBox(QDialogButtonBox::Close, d);
        connect(close, &QDialogButtonBox::rejected, d, &QDialog::reject);
        auto *l = new QVBoxLayout(d);
        l->addWidget(text);
        l->addWidget(close);
        d->resize(640, 560);
        d->show();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *top = new QHBoxLayout;
    top->addWidget(icon, 0, Qt::AlignTop);
    top->addWidget(intro, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addLayout(form);
    layout->addWidget(licence);
    layout->addWidget(buttons);
}

} // namespace avt::widgets
