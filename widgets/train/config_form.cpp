// The form is generated from the engine's key lists and checks every value with the engine
// itself (RunConfig::set on a copy of the base, then RunConfig::validate), so what the form
// accepts is exactly what `train --set` accepts, and the messages are the engine's.
#include "widgets/train/config_form.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

#include <climits>
#include <cmath>

namespace avt::widgets {

namespace {

using Type = train::ConfigKey::Type;

const QString kPresetKey = QStringLiteral("model.preset");
const QString kModelPrefix = QStringLiteral("model.");
const QString kDetectorPrefix = QStringLiteral("masking.detector.");

struct Section {
    const char *prefix; // first component of the keys shown in it
    const char *title;
};

// Sections after Model, in form order; table keys of any other prefix go to "Other".
constexpr Section kSections[] = {
    {"data", QT_TRANSLATE_NOOP("avt::widgets::ConfigForm", "Data")},
    {"losses", QT_TRANSLATE_NOOP("avt::widgets::ConfigForm", "Losses")},
    {"masking", QT_TRANSLATE_NOOP("avt::widgets::ConfigForm", "Masking")},
    {"optim", QT_TRANSLATE_NOOP("avt::widgets::ConfigForm", "Optimisation")},
    {"dist", QT_TRANSLATE_NOOP("avt::widgets::ConfigForm", "Distribution")},
    {"run", QT_TRANSLATE_NOOP("avt::widgets::ConfigForm", "Run")},
};

// Groups of the model keys by their first component; the rest go to "Other".
constexpr Section kModelGroups[] = {
    {"audio", QT_TRANSLATE_NOOP("avt::widgets::ConfigForm", "Audio")},
    {"video", QT_TRANSLATE_NOOP("avt::widgets::ConfigForm", "Video")},
    {"fusion", QT_TRANSLATE_NOOP("avt::widgets::ConfigForm", "Fusion")},
    {"head", QT_TRANSLATE_NOOP("avt::widgets::ConfigForm", "Head")},
};

bool isKnown(const QString &prefix, const auto &sections)
{
    for (const Section &s : sections)
        if (prefix == QLatin1String(s.prefix))
            return true;
    return false;
}

// A model key's group: its first component when that is a known group, else "" (Other).
QString modelGroup(const QString &modelKey)
{
    const QString first = modelKey.contains(QLatin1Char('.')) ? modelKey.section(QLatin1Char('.'), 0, 0) : QString();
    return isKnown(first, kModelGroups) ? first : QString();
}

int clampInt(double v) { return int(std::clamp(v, double(INT_MIN), double(INT_MAX))); }

// Numbers as the engine's resolved config prints them (flattenJson): 1e-06, 0.0003, 12.
QString shortest(double v) { return QString::number(v, 'g', QLocale::FloatingPointShortest); }

QFormLayout *newForm()
{
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    return form;
}

// The editor's value as text (check boxes: "true" / "false").
QString readEditor(const QWidget *editor)
{
    if (const auto *spin = qobject_cast<const QSpinBox *>(editor))
        return QString::number(spin->value());
    if (const auto *check = qobject_cast<const QCheckBox *>(editor))
        return check->isChecked() ? QStringLiteral("true") : QStringLiteral("false");
    if (const auto *combo = qobject_cast<const QComboBox *>(editor))
        return combo->currentText().trimmed();
    if (const auto *line = qobject_cast<const QLineEdit *>(editor))
        return line->text().trimmed();
    return {};
}

// Shows value in the editor; quiet: without the editor's change signals. Values an editor
// cannot show (an unknown choice, a non-number in a spin box) leave it as it is.
void writeEditor(QWidget *editor, const QString &value, bool quiet)
{
    const QSignalBlocker blocker(quiet ? editor : nullptr);
    const QString v = value.trimmed();
    if (auto *spin = qobject_cast<QSpinBox *>(editor)) {
        bool ok = false;
        const double d = v.toDouble(&ok);
        if (ok && std::isfinite(d))
            spin->setValue(int(std::clamp(std::round(d), double(spin->minimum()), double(spin->maximum()))));
    } else if (auto *check = qobject_cast<QCheckBox *>(editor)) {
        const QString t = v.toLower();
        if (t == QLatin1String("true") || t == QLatin1String("1") || t == QLatin1String("yes")
            || t == QLatin1String("on"))
            check->setChecked(true);
        else if (t == QLatin1String("false") || t == QLatin1String("0") || t == QLatin1String("no")
                 || t == QLatin1String("off"))
            check->setChecked(false);
    } else if (auto *combo = qobject_cast<QComboBox *>(editor)) {
        if (combo->isEditable())
            combo->setEditText(v);
        else if (const int i = combo->findText(v); i >= 0)
            combo->setCurrentIndex(i);
    } else if (auto *line = qobject_cast<QLineEdit *>(editor)) {
        line->setText(v);
        line->setCursorPosition(0); // the start of a long path or list is the readable part
    }
}

// Calls onEdit whenever the editor's value changes (typed, picked or set without blocking).
void onEditorChange(QWidget *editor, QObject *context, const std::function<void()> &onEdit)
{
    if (auto *spin = qobject_cast<QSpinBox *>(editor))
        QObject::connect(spin, &QSpinBox::valueChanged, context, onEdit);
    else if (auto *check = qobject_cast<QCheckBox *>(editor))
        QObject::connect(check, &QCheckBox::toggled, context, onEdit);
    else if (auto *combo = qobject_cast<QComboBox *>(editor); combo && combo->isEditable())
        QObject::connect(combo, &QComboBox::editTextChanged, context, onEdit);
    else if (combo)
        QObject::connect(combo, &QComboBox::currentIndexChanged, context, onEdit);
    else if (auto *line = qobject_cast<QLineEdit *>(editor))
        QObject::connect(line, &QLineEdit::textChanged, context, onEdit);
}

} // namespace

ConfigForm::ConfigForm(QWidget *parent) : QWidget(parent), m_formError(new QLabel(this))
{
    auto *content = new QWidget;
    auto *column = new QVBoxLayout(content);
    auto *modelBox = new QGroupBox(tr("Model"), content);
    column->addWidget(modelBox);
    addModelKeys(new QVBoxLayout(modelBox), modelBox);
    for (const Section &s : kSections) {
        auto *box = new QGroupBox(tr(s.title), content);
        column->addWidget(box);
        auto *layout = new QVBoxLayout(box);
        auto *form = newForm();
        layout->addLayout(form);
        const QString prefix = QLatin1String(s.prefix);
        addTableKeys(form, [&prefix](const QString &p) { return p == prefix; });
        if (prefix == QLatin1String("masking")) {
            auto *detector = new QGroupBox(tr("Segment detector"), box);
            layout->addWidget(detector);
            auto *detectorForm = newForm();
            detector->setLayout(detectorForm);
            addDetectorKeys(detectorForm);
        }
    }
    auto *other = new QGroupBox(tr("Other"), content);
    column->addWidget(other);
    auto *otherForm = newForm();
    other->setLayout(otherForm);
    addTableKeys(otherForm, [](const QString &p) { return !isKnown(p, kSections); });
    other->setVisible(otherForm->rowCount() > 0);
    column->addStretch(1);

    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setWidget(content);
    m_formError->setObjectName(QStringLiteral("formError"));
    m_formError->setWordWrap(true);
    m_formError->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPalette red = m_formError->palette();
    red.setColor(QPalette::WindowText, QColor(0xc6, 0x28, 0x28));
    m_formError->setPalette(red);
    m_formError->hide();
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll, 1);
    outer->addWidget(m_formError);

    // The order overrides are listed and applied in: the preset replaces the whole model, so it
    // comes first; then the model keys, the table and the detector, each in its own order.
    const auto push = [this](const QString &key) {
        if (const auto it = m_index.constFind(key); it != m_index.cend())
            m_applyOrder.push_back(*it);
    };
    push(kPresetKey);
    for (const std::string &k : model::ModelConfig::keys())
        push(kModelPrefix + QString::fromStdString(k));
    for (const train::ConfigKey &k : train::RunConfig::keys())
        push(k.key);
    for (const segments::DetectorParamField &f : segments::detectorParamFields())
        push(kDetectorPrefix + f.key);

    setBase(train::RunConfig());
}

void ConfigForm::addModelKeys(QVBoxLayout *layout, QWidget *box)
{
    auto *top = newForm();
    layout->addLayout(top);
    auto *preset = new QComboBox;
    for (const std::string &name : model::ModelConfig::presetNames())
        preset->addItem(QString::fromStdString(name));
    Field presetField;
    presetField.key = kPresetKey;
    presetField.editor = preset;
    addField(top, presetField,
             tr("%1\n%2").arg(kPresetKey, tr("named architecture; choosing one fills the model fields below")));

    // Check boxes for the keys that are true / false (in the default model).
    const model::ModelConfig defaults = train::RunConfig().model();
    const std::vector<std::string> keys = model::ModelConfig::keys();
    QStringList groups;
    for (const Section &g : kModelGroups)
        groups.append(QLatin1String(g.prefix));
    groups.append(QString()); // Other
    for (qsizetype g = 0; g < groups.size(); ++g) {
        QFormLayout *form = nullptr;
        for (const std::string &k : keys) {
            const QString key = QString::fromStdString(k);
            if (modelGroup(key) != groups[g])
                continue;
            if (!form) {
                auto *sub = new QGroupBox(
                    g < qsizetype(std::size(kModelGroups)) ? tr(kModelGroups[g].title) : tr("Other"), box);
                layout->addWidget(sub);
                form = newForm();
                sub->setLayout(form);
            }
            const std::string value = defaults.get(k).value_or(std::string());
            QWidget *editor = nullptr;
            if (value == "true" || value == "false")
                editor = new QCheckBox;
            else
                editor = new QLineEdit;
            Field field;
            field.key = kModelPrefix + key;
            field.editor = editor;
            addField(form, field, tr("%1\narchitecture key").arg(field.key));
        }
    }
}

void ConfigForm::addTableKeys(QFormLayout *form, const std::function<bool(const QString &)> &wanted)
{
    for (const train::ConfigKey &k : train::RunConfig::keys()) {
        if (!wanted(k.key.section(QLatin1Char('.'), 0, 0)))
            continue;
        Field field;
        field.key = k.key;
        field.tableKey = &k;
        QWidget *extra = nullptr;
        QString tooltip = tr("%1\n%2").arg(k.key, k.help);
        switch (k.type) {
        case Type::Int: {
            auto *spin = new QSpinBox;
            spin->setRange(clampInt(k.min), clampInt(k.max));
            field.editor = spin;
            break;
        }
        case Type::Bool: field.editor = new QCheckBox; break;
        case Type::Choice: {
            auto *combo = new QComboBox;
            combo->addItems(k.choices);
            field.editor = combo;
            break;
        }
        case Type::Real:
        case Type::Text: field.editor = new QLineEdit; break;
        }
        if (k.type == Type::Int || k.type == Type::Real)
            tooltip += QLatin1Char('\n') + tr("Allowed: %1 … %2").arg(shortest(k.min), shortest(k.max));
        if (k.key == QLatin1String("run.dataset")) {
            delete field.editor;
            m_dataset = new QComboBox;
            m_dataset->setEditable(true);
            m_dataset->setInsertPolicy(QComboBox::NoInsert);
            field.editor = m_dataset;
        } else if (k.key == QLatin1String("run.init")) {
            extra = browseButton(static_cast<QLineEdit *>(field.editor));
        }
        tooltip += QLatin1Char('\n') + tr("Default: %1").arg(k.defaultValue.isEmpty() ? tr("(empty)") : k.defaultValue);
        addField(form, field, tooltip, extra);
    }
}

void ConfigForm::addDetectorKeys(QFormLayout *form)
{
    for (const segments::DetectorParamField &f : segments::detectorParamFields()) {
        Field field;
        field.key = kDetectorPrefix + f.key;
        field.detectorKey = &f;
        if (f.integer) {
            auto *spin = new QSpinBox;
            spin->setRange(clampInt(f.min), clampInt(f.max));
            spin->setSingleStep(f.odd ? 2 : 1);
            field.editor = spin;
        } else {
            field.editor = new QLineEdit;
        }
        const QString help = f.help.isEmpty() ? tr("segment detector key") : f.help;
        addField(form, field, tr("%1\n%2\nAllowed: %3 … %4").arg(field.key, help, shortest(f.min), shortest(f.max)));
    }
}

QWidget *ConfigForm::browseButton(QLineEdit *edit)
{
    auto *button = new QToolButton;
    button->setText(tr("…"));
    button->setObjectName(QStringLiteral("browse:run.init"));
    button->setToolTip(tr("Choose a weights file"));
    connect(button, &QToolButton::clicked, this, [this, edit] {
        const QString current = edit->text().trimmed();
        const QString file = QFileDialog::getOpenFileName(
            this, tr("Starting weights"), current.isEmpty() ? QString() : QFileInfo(current).absolutePath(),
            tr("Weights (*.pt *.safetensors *.npz);;All files (*)"));
        if (!file.isEmpty())
            edit->setText(file);
    });
    return button;
}

void ConfigForm::addField(QFormLayout *form, Field field, const QString &tooltip, QWidget *extra)
{
    field.editor->setObjectName(QStringLiteral("field:") + field.key);
    field.editor->setToolTip(tooltip);
    field.error = new QLabel;
    field.error->setObjectName(QStringLiteral("error:") + field.key);
    field.error->setWordWrap(true);
    field.error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPalette red = field.error->palette();
    red.setColor(QPalette::WindowText, QColor(0xc6, 0x28, 0x28));
    field.error->setPalette(red);
    field.error->hide();

    auto *cell = new QWidget;
    auto *cellLayout = new QVBoxLayout(cell);
    cellLayout->setContentsMargins(0, 0, 0, 0);
    cellLayout->setSpacing(2);
    if (extra) {
        auto *row = new QHBoxLayout;
        row->addWidget(field.editor, 1);
        row->addWidget(extra);
        cellLayout->addLayout(row);
    } else {
        cellLayout->addWidget(field.editor);
    }
    cellLayout->addWidget(field.error);
    auto *label = new QLabel(field.key.section(QLatin1Char('.'), -1));
    label->setBuddy(field.editor);
    label->setToolTip(tooltip);
    form->addRow(label, cell);

    const int index = int(m_fields.size());
    m_index.insert(field.key, index);
    onEditorChange(field.editor, this, [this, index] { edited(index); });
    m_fields.push_back(std::move(field));
}

void ConfigForm::setBase(const train::RunConfig &base)
{
    m_base = base;
    for (Field &f : m_fields) {
        const QString text = baseText(f, m_base);
        writeEditor(f.editor, text, true);
        f.reference = canonical(f, text);
    }
    recheck(true);
}

Result<train::RunConfig> ConfigForm::config() const
{
    train::RunConfig cfg = m_base;
    if (auto st = cfg.applyOverrides(m_overrides); !st)
        return st.error();
    if (auto st = cfg.validate(); !st)
        return st.error();
    return cfg;
}

void ConfigForm::setValue(const QString &key, const QString &value)
{
    if (const auto it = m_index.constFind(key); it != m_index.cend())
        writeEditor(m_fields[size_t(*it)].editor, value, false); // the editor's signal calls edited()
}

QString ConfigForm::value(const QString &key) const
{
    const auto it = m_index.constFind(key);
    return it == m_index.cend() ? QString() : readEditor(m_fields[size_t(*it)].editor);
}

QStringList ConfigForm::keys() const
{
    QStringList out;
    out.reserve(qsizetype(m_fields.size()));
    for (const Field &f : m_fields)
        out.append(f.key);
    return out;
}

void ConfigForm::setDatasets(const QStringList &names)
{
    if (!m_dataset)
        return;
    const QSignalBlocker blocker(m_dataset);
    const QString text = m_dataset->currentText();
    m_dataset->clear();
    m_dataset->addItems(names);
    m_dataset->setEditText(text);
}

void ConfigForm::edited(int index)
{
    if (m_fields[size_t(index)].key == kPresetKey)
        followPreset();
    recheck(true);
}

// Fills the model fields as RunConfig::set("model.preset") fills the model: with the chosen
// preset's values. They are the reference the fields are compared with (so they are no user
// changes), except for the base's own preset, where the base's model is the reference.
void ConfigForm::followPreset()
{
    const QString preset = value(kPresetKey);
    train::RunConfig withPreset = m_base;
    if (!withPreset.set(kPresetKey, preset))
        return; // not a preset (the combo box only offers presets)
    const train::RunConfig &reference = preset == m_base.preset() ? m_base : withPreset;
    for (Field &f : m_fields) {
        if (!f.key.startsWith(kModelPrefix) || f.key == kPresetKey)
            continue;
        writeEditor(f.editor, baseText(f, withPreset), true);
        f.reference = canonical(f, baseText(f, reference));
    }
}

// One pass over the changed fields in overrides() order on a copy of the base, as
// applyOverrides() does, keeping every refused key's message; then validate() once.
void ConfigForm::recheck(bool notify)
{
    train::RunConfig cfg = m_base;
    QStringList overrides;
    QHash<int, QString> errors;
    QString first;
    for (const int i : m_applyOrder) {
        const Field &f = m_fields[size_t(i)];
        const QString text = readEditor(f.editor);
        if (canonical(f, text) == f.reference)
            continue;
        overrides.append(f.key + QLatin1Char('=') + text);
        if (auto st = cfg.set(f.key, text); !st) {
            errors.insert(i, st.error().message);
            if (first.isEmpty())
                first = st.error().message;
        }
    }
    for (size_t i = 0; i < m_fields.size(); ++i) {
        const QString message = errors.value(int(i));
        m_fields[i].error->setText(message);
        m_fields[i].error->setVisible(!message.isEmpty());
    }
    QString formError;
    if (first.isEmpty())
        if (auto st = cfg.validate(); !st)
            formError = first = st.error().message;
    m_formError->setText(formError);
    m_formError->setVisible(!formError.isEmpty());

    const bool differs = overrides != m_overrides || first != m_firstError;
    m_overrides = overrides;
    m_firstError = first;
    if (notify && differs)
        emit changed();
}

// The field's value in a config, as the editor shows it (reals as the resolved config prints
// them).
QString ConfigForm::baseText(const Field &field, const train::RunConfig &from) const
{
    if (field.tableKey)
        return field.tableKey->type == Type::Real ? shortest(from.real(field.key)) : from.text(field.key);
    if (field.detectorKey) {
        const QJsonValue v = from.detector().toJson().value(field.detectorKey->key);
        return field.detectorKey->integer ? QString::number(v.toInteger()) : shortest(v.toDouble());
    }
    if (field.key == kPresetKey)
        return from.preset();
    const std::string key = field.key.mid(kModelPrefix.size()).toStdString();
    return QString::fromStdString(from.model().get(key).value_or(std::string()));
}

// The value as the engine stores it, so that "1e-4" and "0.0001" (or "3, 4" and "3,4") are the
// same; text the engine refuses stays as it is (and then differs from any valid reference).
QString ConfigForm::canonical(const Field &field, const QString &text) const
{
    const QString t = text.trimmed();
    if (field.tableKey) {
        if (field.tableKey->type != Type::Real)
            return t;
        bool ok = false;
        const double d = t.toDouble(&ok);
        return ok && std::isfinite(d) ? QString::number(d, 'g', 17) : t;
    }
    if (field.detectorKey) {
        segments::DetectorParams params;
        if (!params.set(field.detectorKey->key, t))
            return t;
        return QString::number(params.toJson().value(field.detectorKey->key).toDouble(), 'g', 17);
    }
    if (field.key == kPresetKey)
        return t;
    const std::string key = field.key.mid(kModelPrefix.size()).toStdString();
    model::ModelConfig scratch;
    if (!scratch.set(key, t.toStdString()))
        return t;
    return QString::fromStdString(scratch.get(key).value_or(std::string()));
}

} // namespace avt::widgets
