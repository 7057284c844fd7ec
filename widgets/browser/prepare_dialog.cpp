#include "widgets/browser/prepare_dialog.h"

#include "model/config/model_config.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace avt::widgets {

namespace {
// The preset training uses when none is given (train::RunConfig's default).
const QString kDefaultPreset = QStringLiteral("avt-tiny");
} // namespace

PrepareDialog::PrepareDialog(const QString &dataset, QWidget *parent)
    : QDialog(parent), m_preset(new QComboBox(this)), m_rebuild(new QCheckBox(tr("&Rebuild from scratch"), this))
{
    setObjectName(QStringLiteral("prepareDialog"));
    setWindowTitle(tr("Prepare Clip Cache"));
    for (const std::string &name : model::ModelConfig::presetNames())
        m_preset->addItem(QString::fromStdString(name));
    setPreset(kDefaultPreset);
    m_preset->setToolTip(tr("The model preset whose input sizes the clips are decoded for"));
    m_rebuild->setToolTip(tr("Forget what the cache holds and write every entry again"));

    auto *intro = new QLabel(tr("Decode the clips of <b>%1</b> once into a cache that training reads "
                                "instead of decoding every epoch. A stopped run can be continued later.")
                                 .arg(dataset.toHtmlEscaped()),
                             this);
    intro->setWordWrap(true);
    auto *form = new QFormLayout;
    form->addRow(tr("&Model preset:"), m_preset);
    form->addRow(QString(), m_rebuild);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Prepare"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(buttons);
}

QString PrepareDialog::preset() const { return m_preset->currentText(); }

void PrepareDialog::setPreset(const QString &preset)
{
    if (const int i = m_preset->findText(preset); i >= 0)
        m_preset->setCurrentIndex(i);
}

bool PrepareDialog::rebuild() const { return m_rebuild->isChecked(); }
void PrepareDialog::setRebuild(bool rebuild) { m_rebuild->setChecked(rebuild); }

} // namespace avt::widgets
