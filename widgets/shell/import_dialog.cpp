#include "widgets/shell/import_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace avt::widgets {

ImportDialog::ImportDialog(QWidget *parent)
    : QDialog(parent), m_file(new QLineEdit(this)), m_format(new QComboBox(this)), m_name(new QLineEdit(this)),
      m_mediaRoot(new QLineEdit(this)), m_pattern(new QLineEdit(this)), m_classList(new QLineEdit(this)),
      m_split(new QLineEdit(this)), m_minDuration(new QDoubleSpinBox(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Import Dataset"));
    auto *form = new QFormLayout;
    pathRow(this, m_file, false, form, tr("&Annotation file:"));
    m_format->addItem(tr("CSV (path, label, split)"), QStringLiteral("csv"));
    m_format->addItem(tr("VGGSound"), QStringLiteral("vggsound"));
    m_format->addItem(tr("Kinetics-Sounds"), QStringLiteral("kinetics-sounds"));
    m_format->addItem(tr("EPIC-KITCHENS-100"), QStringLiteral("epic-kitchens-100"));
    form->addRow(tr("&Format:"), m_format);
    form->addRow(tr("Dataset &name:"), m_name);
    m_mediaRoot->setPlaceholderText(tr("the annotation file's folder"));
    pathRow(this, m_mediaRoot, true, form, tr("&Media folder:"));
    m_pattern->setPlaceholderText(tr("the dataset's usual file names"));
    m_pattern->setToolTip(
        tr("Placeholders: {id}, {start}, {end}, {start:06d}, {end:06d}; EPIC: {participant}, {video}"));
    form->addRow(tr("File name &pattern:"), m_pattern);
    pathRow(this, m_classList, false, form, tr("&Class list:"));
    m_classList->setToolTip(tr("Kinetics-Sounds: a file with one class name per line"));
    m_split->setPlaceholderText(tr("from the file name"));
    form->addRow(tr("&Split:"), m_split);
    m_minDuration->setRange(0.0, 60.0);
    m_minDuration->setValue(data::ImportOptions{}.minDurationS);
    m_minDuration->setSuffix(tr(" s"));
    form->addRow(tr("Mi&nimum duration:"), m_minDuration);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_file, &QLineEdit::textChanged, this, [this](const QString &path) {
        if (m_name->isModified())
            return;
        m_name->setText(QFileInfo(path).completeBaseName());
    });
    connect(m_file, &QLineEdit::textChanged, this, &ImportDialog::updateState);
    connect(m_format, &QComboBox::currentIndexChanged, this, &ImportDialog::updateState);
    updateState();
    resize(560, sizeHint().height());
}

QLineEdit *ImportDialog::pathRow(QWidget *parent, QLineEdit *edit, bool folder, QFormLayout *form, const QString &label)
{
    auto *row = new QHBoxLayout;
    auto *browse = new QPushButton(tr("Browse…"), parent);
    row->addWidget(edit, 1);
    row->addWidget(browse);
    form->addRow(label, row);
    connect(browse, &QPushButton::clicked, this, [this, edit, folder] {
        const QString start = edit->text().isEmpty() ? QFileInfo(m_file->text()).absolutePath() : edit->text();
        const QString chosen = folder
                                   ? QFileDialog::getExistingDirectory(this, tr("Choose a folder"), start)
                                   : QFileDialog::getOpenFileName(this, tr("Choose a file"), start,
                                                                  tr("Annotation files (*.csv *.txt);;All files (*)"));
        if (!chosen.isEmpty())
            edit->setText(chosen);
    });
    return edit;
}

void ImportDialog::setAnnotationFile(const QString &path)
{
    m_file->setText(path);
    const QString lower = QFileInfo(path).fileName().toLower();
    if (lower.startsWith(QLatin1String("epic_100")))
        m_format->setCurrentIndex(m_format->findData(QStringLiteral("epic-kitchens-100")));
    else if (lower.contains(QLatin1String("vggsound")))
        m_format->setCurrentIndex(m_format->findData(QStringLiteral("vggsound")));
    else if (lower.contains(QLatin1String("kinetics")))
        m_format->setCurrentIndex(m_format->findData(QStringLiteral("kinetics-sounds")));
}

QString ImportDialog::annotationFile() const { return m_file->text().trimmed(); }

data::ImportOptions ImportDialog::options() const
{
    data::ImportOptions o;
    o.name = m_name->text().trimmed();
    if (auto format = data::parseFormat(m_format->currentData().toString()))
        o.annotation.format = *format;
    o.annotation.mediaRoot = m_mediaRoot->text().trimmed();
    o.annotation.filenamePattern = m_pattern->text().trimmed();
    o.annotation.classListFile = m_classList->text().trimmed();
    o.annotation.split = m_split->text().trimmed();
    o.minDurationS = m_minDuration->value();
    return o;
}

void ImportDialog::updateState()
{
    const QString format = m_format->currentData().toString();
    m_classList->setEnabled(format == QLatin1String("kinetics-sounds"));
    m_split->setEnabled(format == QLatin1String("epic-kitchens-100"));
    m_pattern->setEnabled(format != QLatin1String("csv"));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(QFileInfo(annotationFile()).isFile());
}

} // namespace avt::widgets
