// The run launcher's form (widgets/train/config_form): a field for every key of the engine's
// lists with the right editor and help; values shown from the base; refused values show the
// engine's own message and whole-config rules show validate()'s; overrides() reproduces the
// form's config through RunConfig::applyOverrides; choosing a preset refills the model fields.
#include "../tst_widgets.h"

#include "core/train/run_config.h"
#include "widgets/train/config_form.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>

#include <algorithm>

using namespace avt;
using namespace avt::widgets;

namespace {

const QString kDetector = QStringLiteral("masking.detector.");

QString modelKey(const std::string &key) { return QStringLiteral("model.") + QString::fromStdString(key); }

// The engine's message for setting key=value on a copy of base (empty when accepted).
QString engineMessage(train::RunConfig base, const QString &key, const QString &value)
{
    const Status st = base.set(key, value);
    return st ? QString() : st.error().message;
}

QString errorText(const ConfigForm &form, const QString &key)
{
    const auto *label = form.findChild<QLabel *>(QStringLiteral("error:") + key);
    return label && !label->isHidden() ? label->text() : QString();
}

QString formErrorText(const ConfigForm &form)
{
    const auto *label = form.findChild<QLabel *>(QStringLiteral("formError"));
    return label && !label->isHidden() ? label->text() : QString();
}

// Every field without an error label shown, else the first key that has one.
QString anyFieldError(const ConfigForm &form)
{
    for (const QString &key : form.keys())
        if (!errorText(form, key).isEmpty())
            return key + QStringLiteral(": ") + errorText(form, key);
    return {};
}

} // namespace

void TestConfigForm::everyKeyHasAField()
{
    ConfigForm form;
    QStringList expected;
    for (const train::ConfigKey &k : train::RunConfig::keys()) {
        expected.append(k.key);
        auto *w = form.findChild<QWidget *>(QStringLiteral("field:") + k.key);
        QVERIFY2(w, qPrintable(QStringLiteral("no field for table key %1").arg(k.key)));
        const bool fits = k.type == train::ConfigKey::Type::Int    ? qobject_cast<QSpinBox *>(w) != nullptr
                          : k.type == train::ConfigKey::Type::Bool ? qobject_cast<QCheckBox *>(w) != nullptr
                          : k.type == train::ConfigKey::Type::Choice
                              ? qobject_cast<QComboBox *>(w) != nullptr
                              : (qobject_cast<QLineEdit *>(w) || qobject_cast<QComboBox *>(w));
        QVERIFY2(fits, qPrintable(QStringLiteral("%1: editor %2 does not fit its type")
                                      .arg(k.key, QLatin1String(w->metaObject()->className()))));
        QVERIFY2(w->toolTip().contains(k.help) && w->toolTip().contains(k.key),
                 qPrintable(QStringLiteral("%1: tooltip '%2' lacks the key or its help").arg(k.key, w->toolTip())));
        if (auto *spin = qobject_cast<QSpinBox *>(w)) {
            QVERIFY2(spin->minimum() == int(k.min), qPrintable(k.key));
            QVERIFY2(spin->maximum() == int(std::min(k.max, 2147483647.0)), qPrintable(k.key));
        }
        if (k.type == train::ConfigKey::Type::Choice) {
            auto *combo = qobject_cast<QComboBox *>(w);
            QStringList items;
            for (int i = 0; i < combo->count(); ++i)
                items.append(combo->itemText(i));
            QVERIFY2(items == k.choices, qPrintable(k.key));
        }
        auto *error = form.findChild<QLabel *>(QStringLiteral("error:") + k.key);
        QVERIFY2(error && error->isHidden(), qPrintable(QStringLiteral("%1: error label missing or shown").arg(k.key)));
    }
    QVERIFY(qobject_cast<QComboBox *>(form.findChild<QWidget *>(QStringLiteral("field:run.dataset")))->isEditable());

    auto *preset = qobject_cast<QComboBox *>(form.findChild<QWidget *>(QStringLiteral("field:model.preset")));
    QVERIFY2(preset, "model.preset has no combo box");
    QCOMPARE(preset->count(), int(model::ModelConfig::presetNames().size()));
    for (const std::string &name : model::ModelConfig::presetNames())
        QVERIFY2(preset->findText(QString::fromStdString(name)) >= 0, name.c_str());
    expected.append(QStringLiteral("model.preset"));

    const model::ModelConfig defaults = train::RunConfig().model();
    for (const std::string &k : model::ModelConfig::keys()) {
        const QString key = modelKey(k);
        expected.append(key);
        auto *w = form.findChild<QWidget *>(QStringLiteral("field:") + key);
        QVERIFY2(w, qPrintable(QStringLiteral("no field for model key %1").arg(key)));
        const std::string v = *defaults.get(k);
        const bool fits = (v == "true" || v == "false") ? qobject_cast<QCheckBox *>(w) != nullptr
                                                        : qobject_cast<QLineEdit *>(w) != nullptr;
        QVERIFY2(fits,
                 qPrintable(QStringLiteral("%1: editor %2 does not fit value '%3'")
                                .arg(key, QLatin1String(w->metaObject()->className()), QString::fromStdString(v))));
        QVERIFY2(w->toolTip().contains(key), qPrintable(key));
    }

    for (const segments::DetectorParamField &f : segments::detectorParamFields()) {
        const QString key = kDetector + f.key;
        expected.append(key);
        auto *w = form.findChild<QWidget *>(QStringLiteral("field:") + key);
        QVERIFY2(w, qPrintable(QStringLiteral("no field for detector key %1").arg(key)));
        if (f.integer) {
            auto *spin = qobject_cast<QSpinBox *>(w);
            QVERIFY2(spin && spin->minimum() == int(f.min) && spin->maximum() == int(f.max), qPrintable(key));
        } else {
            QVERIFY2(qobject_cast<QLineEdit *>(w), qPrintable(key));
        }
        QVERIFY2(w->toolTip().contains(f.help) && w->toolTip().contains(key), qPrintable(key));
    }

    // Exactly these keys, each once, in section order.
    QStringList shown = form.keys();
    QCOMPARE(shown.size(), expected.size());
    QCOMPARE(QSet<QString>(shown.begin(), shown.end()), QSet<QString>(expected.begin(), expected.end()));
    QCOMPARE(shown.first(), QStringLiteral("model.preset"));
    const QStringList sections = {QStringLiteral("model"),   QStringLiteral("data"),  QStringLiteral("losses"),
                                  QStringLiteral("masking"), QStringLiteral("optim"), QStringLiteral("dist"),
                                  QStringLiteral("run")};
    qsizetype last = 0;
    for (const QString &key : shown) {
        const qsizetype s = sections.indexOf(key.section(QLatin1Char('.'), 0, 0));
        QVERIFY2(s >= last, qPrintable(QStringLiteral("%1 is out of section order").arg(key)));
        last = s;
    }
    // The detector keys follow the table's masking keys.
    QVERIFY(shown.indexOf(kDetector + segments::detectorParamFields().front().key)
            > shown.indexOf(QStringLiteral("masking.probability")));
}

void TestConfigForm::valuesFromTheBase()
{
    train::RunConfig base;
    QVERIFY(base.set(QStringLiteral("model.preset"), QStringLiteral("avt-small")));
    QVERIFY(base.set(QStringLiteral("optim.lr"), QStringLiteral("3e-4")));
    QVERIFY(base.set(QStringLiteral("losses.avc"), QStringLiteral("0.5")));
    QVERIFY(base.set(QStringLiteral("masking.audio"), QStringLiteral("segment")));
    QVERIFY(base.set(QStringLiteral("optim.batch"), QStringLiteral("32")));
    QVERIFY(base.set(QStringLiteral("data.flip"), QStringLiteral("false")));
    QVERIFY(base.set(QStringLiteral("masking.detector.maxSegments"), QStringLiteral("30")));

    ConfigForm form;
    form.setValue(QStringLiteral("run.name"), QStringLiteral("forgotten"));
    QVERIFY2(!form.overrides().isEmpty(), "setValue on the default base made no override");
    form.setBase(base);
    QVERIFY2(form.overrides().isEmpty(), qPrintable(form.overrides().join(QLatin1Char(' '))));
    QCOMPARE(form.value(QStringLiteral("run.name")), QString());

    // Reals as the engine's resolved config prints them: readable, not 0.00029999999999999997.
    const QMap<QString, QString> resolved = train::flattenJson(base.toJson());
    for (const train::ConfigKey &k : train::RunConfig::keys())
        if (k.type == train::ConfigKey::Type::Real)
            QVERIFY2(
                form.value(k.key) == resolved.value(k.key),
                qPrintable(
                    QStringLiteral("%1: form %2, engine %3").arg(k.key, form.value(k.key), resolved.value(k.key))));
    QVERIFY2(form.value(QStringLiteral("optim.lr")).size() <= 6, qPrintable(form.value(QStringLiteral("optim.lr"))));
    QCOMPARE(form.value(QStringLiteral("optim.lr")).toDouble(), 3e-4);
    QCOMPARE(form.findChild<QLineEdit *>(QStringLiteral("field:optim.lr"))->text(),
             form.value(QStringLiteral("optim.lr")));
    QCOMPARE(form.value(QStringLiteral("losses.avc")), QStringLiteral("0.5"));
    QCOMPARE(form.value(QStringLiteral("masking.audio")), QStringLiteral("segment"));
    QCOMPARE(form.findChild<QComboBox *>(QStringLiteral("field:masking.audio"))->currentText(),
             QStringLiteral("segment"));
    QCOMPARE(form.findChild<QSpinBox *>(QStringLiteral("field:optim.batch"))->value(), 32);
    QVERIFY(!form.findChild<QCheckBox *>(QStringLiteral("field:data.flip"))->isChecked());
    QCOMPARE(form.findChild<QSpinBox *>(QStringLiteral("field:masking.detector.maxSegments"))->value(), 30);
    QCOMPARE(form.value(QStringLiteral("model.preset")), QStringLiteral("avt-small"));
    QCOMPARE(form.value(QStringLiteral("model.video.depths")), QStringLiteral("3,4,8,3"));
    QCOMPARE(form.value(QStringLiteral("model.audio.width")), QStringLiteral("384"));
    QCOMPARE(form.value(QStringLiteral("model.head.avm")), QStringLiteral("true"));

    QVERIFY2(form.isValid(), qPrintable(form.firstError()));
    const auto cfg = form.config();
    QVERIFY2(cfg.ok(), qPrintable(cfg.ok() ? QString() : cfg.error().message));
    QCOMPARE(cfg->toJson(), base.toJson());
    QCOMPARE(form.base().toJson(), base.toJson());
}

void TestConfigForm::invalidValuesShowTheEngineMessage()
{
    const train::RunConfig base;
    ConfigForm form;
    form.setBase(base);
    QSignalSpy changed(&form, &ConfigForm::changed);

    // A real out of range, a text the engine refuses, a model key of the wrong shape.
    const QList<QPair<QString, QString>> refused = {
        {QStringLiteral("optim.lr"), QStringLiteral("-1")},
        {QStringLiteral("data.clip_seconds"), QStringLiteral("ten")},
        {QStringLiteral("run.name"), QStringLiteral("../escape")},
        {QStringLiteral("model.video.depths"), QStringLiteral("1,2")},
        {QStringLiteral("masking.detector.minActivity"), QStringLiteral("-3")},
    };
    for (const auto &[key, value] : refused) {
        const QString expected = engineMessage(base, key, value);
        QVERIFY2(!expected.isEmpty(), qPrintable(QStringLiteral("the engine accepts %1=%2").arg(key, value)));
        const QString before = form.value(key);
        changed.clear();
        form.setValue(key, value);
        QVERIFY2(changed.size() == 1,
                 qPrintable(QStringLiteral("%1: changed() %2 times").arg(key).arg(changed.size())));
        QCOMPARE(errorText(form, key), expected);
        QVERIFY2(!form.isValid(), qPrintable(key));
        const auto cfg = form.config();
        QVERIFY2(!cfg.ok(), qPrintable(QStringLiteral("config() accepts %1=%2").arg(key, value)));
        QCOMPARE(cfg.error().message, expected);
        QCOMPARE(form.firstError(), expected);
        // Fixing it clears the message.
        form.setValue(key, before);
        QVERIFY2(errorText(form, key).isEmpty(), qPrintable(QStringLiteral("%1: %2").arg(key, errorText(form, key))));
        QVERIFY2(form.isValid(), qPrintable(QStringLiteral("after fixing %1: %2").arg(key, form.firstError())));
    }

    // Two refused keys at once: each shows its own message; config() fails on the first in
    // overrides() order (the model key before the table key).
    form.setValue(QStringLiteral("optim.lr"), QStringLiteral("x"));
    form.setValue(QStringLiteral("model.audio.depth"), QStringLiteral("0"));
    QCOMPARE(errorText(form, QStringLiteral("optim.lr")),
             engineMessage(base, QStringLiteral("optim.lr"), QStringLiteral("x")));
    const QString depthMessage = engineMessage(base, QStringLiteral("model.audio.depth"), QStringLiteral("0"));
    QCOMPARE(errorText(form, QStringLiteral("model.audio.depth")), depthMessage);
    QCOMPARE(form.config().error().message, depthMessage);
    QVERIFY2(formErrorText(form).isEmpty(), qPrintable(formErrorText(form)));
    form.setBase(base);
    QVERIFY2(form.isValid() && anyFieldError(form).isEmpty(), qPrintable(anyFieldError(form)));

    // Whole-config rules: every field is fine, the combination is not.
    const QList<QList<QPair<QString, QString>>> combinations = {
        {{QStringLiteral("model.audio.heads"), QStringLiteral("3")}}, // 3 does not divide 64
        {{QStringLiteral("optim.lr"), QStringLiteral("1e-6")},
         {QStringLiteral("optim.min_lr"), QStringLiteral("1e-5")}},
        {{QStringLiteral("masking.detector.smoothOrder"), QStringLiteral("6")}}, // order >= window 5
    };
    for (const auto &combination : combinations) {
        form.setBase(base);
        train::RunConfig expected = base;
        for (const auto &[key, value] : combination) {
            QVERIFY2(expected.set(key, value), qPrintable(key));
            form.setValue(key, value);
        }
        const Status st = expected.validate();
        QVERIFY2(!st, qPrintable(QStringLiteral("validate() accepts %1").arg(combination.first().first)));
        QVERIFY2(anyFieldError(form).isEmpty(), qPrintable(anyFieldError(form)));
        QCOMPARE(formErrorText(form), st.error().message);
        QVERIFY(!form.isValid());
        QCOMPARE(form.firstError(), st.error().message);
        QVERIFY(!form.config().ok());
        QCOMPARE(form.config().error().message, st.error().message);
    }
    form.setValue(QStringLiteral("masking.detector.smoothOrder"), QStringLiteral("2"));
    QVERIFY2(formErrorText(form).isEmpty(), qPrintable(formErrorText(form)));
    QVERIFY(form.isValid());
}

void TestConfigForm::overridesReproduceTheConfig()
{
    train::RunConfig base;
    QVERIFY(base.set(QStringLiteral("run.dataset"), QStringLiteral("demo")));
    ConfigForm form;
    form.setDatasets({QStringLiteral("demo"), QStringLiteral("other")});
    form.setBase(base);
    QCOMPARE(form.value(QStringLiteral("run.dataset")), QStringLiteral("demo"));
    QSignalSpy changed(&form, &ConfigForm::changed);

    // Given in an order unlike the documented one.
    const QList<QPair<QString, QString>> changes = {
        {QStringLiteral("masking.detector.maxSegments"), QStringLiteral("30")}, // detector (Int)
        {QStringLiteral("optim.lr"), QStringLiteral("3e-4")},                   // Real
        {QStringLiteral("optim.batch"), QStringLiteral("16")},                  // Int
        {QStringLiteral("data.flip"), QStringLiteral("false")},                 // Bool
        {QStringLiteral("masking.audio"), QStringLiteral("segment")},           // Choice
        {QStringLiteral("run.name"), QStringLiteral("my-run")},                 // Text
        {QStringLiteral("run.dataset"), QStringLiteral("other")},               // Text (combo)
        {QStringLiteral("model.preset"), QStringLiteral("avt-small")},
        {QStringLiteral("model.audio.depth"), QStringLiteral("4")},
        {QStringLiteral("model.head.avm"), QStringLiteral("false")}, // model key as a check box
    };
    train::RunConfig direct = base;
    for (const auto &[key, value] : changes) {
        changed.clear();
        form.setValue(key, value);
        QVERIFY2(changed.size() == 1,
                 qPrintable(QStringLiteral("%1: changed() %2 times").arg(key).arg(changed.size())));
        QVERIFY2(direct.set(key, value), qPrintable(key));
    }

    // Documented order: preset, model keys, table keys in table order, detector keys.
    QStringList expected = {QStringLiteral("model.preset=avt-small"), QStringLiteral("model.audio.depth=4"),
                            QStringLiteral("model.head.avm=false")};
    QStringList table;
    for (const train::ConfigKey &k : train::RunConfig::keys())
        for (const auto &[key, value] : changes)
            if (key == k.key)
                table.append(key + QLatin1Char('=') + value);
    QCOMPARE(table.size(), 6);
    expected += table;
    expected.append(QStringLiteral("masking.detector.maxSegments=30"));
    QCOMPARE(form.overrides(), expected);

    QVERIFY2(form.isValid(), qPrintable(form.firstError()));
    const auto cfg = form.config();
    QVERIFY2(cfg.ok(), qPrintable(cfg.ok() ? QString() : cfg.error().message));
    train::RunConfig applied = base;
    QVERIFY(applied.applyOverrides(form.overrides()));
    QCOMPARE(applied.toJson(), cfg->toJson());
    QCOMPARE(cfg->toJson(), direct.toJson());

    // Back to the base value (written differently for the real): no longer an override.
    form.setValue(QStringLiteral("optim.lr"), QStringLiteral("1e-4"));
    QVERIFY2(!form.overrides().join(QLatin1Char(' ')).contains(QLatin1String("optim.lr")),
             qPrintable(form.overrides().join(QLatin1Char(' '))));
    form.setValue(QStringLiteral("model.audio.depth"), QStringLiteral("12")); // avt-small's
    QVERIFY2(!form.overrides().join(QLatin1Char(' ')).contains(QLatin1String("model.audio.depth")),
             qPrintable(form.overrides().join(QLatin1Char(' '))));
    form.setValue(QStringLiteral("data.flip"), QStringLiteral("true"));
    form.setValue(QStringLiteral("masking.detector.maxSegments"), QStringLiteral("50"));
    QCOMPARE(form.overrides().size(), expected.size() - 4);
    // Back to the base's preset: the model fields follow it, nothing of the model is left.
    form.setValue(QStringLiteral("model.preset"), base.preset());
    for (const QString &o : form.overrides())
        QVERIFY2(!o.startsWith(QLatin1String("model.")), qPrintable(o));
    QCOMPARE(form.value(QStringLiteral("model.head.avm")), QStringLiteral("true"));
    applied = base;
    QVERIFY(applied.applyOverrides(form.overrides()));
    QCOMPARE(applied.toJson(), form.config()->toJson());
}

void TestConfigForm::presetChangeRefillsModelFields()
{
    const train::RunConfig base; // avt-tiny
    ConfigForm form;
    form.setBase(base);
    form.setValue(QStringLiteral("model.audio.depth"), QStringLiteral("3")); // replaced by the preset
    QCOMPARE(form.overrides(), QStringList{QStringLiteral("model.audio.depth=3")});

    QSignalSpy changed(&form, &ConfigForm::changed);
    form.setValue(QStringLiteral("model.preset"), QStringLiteral("avt-small"));
    QCOMPARE(changed.size(), 1);
    const model::ModelConfig small = *model::ModelConfig::preset("avt-small");
    const model::ModelConfig tiny = *model::ModelConfig::preset("avt-tiny");
    int differing = 0;
    for (const std::string &k : model::ModelConfig::keys()) {
        QCOMPARE(form.value(modelKey(k)), QString::fromStdString(*small.get(k)));
        differing += *small.get(k) != *tiny.get(k);
    }
    QVERIFY2(differing > 5, "avt-small and avt-tiny hardly differ: the test shows little");
    QCOMPARE(form.overrides(), QStringList{QStringLiteral("model.preset=avt-small")});
    QVERIFY2(form.isValid(), qPrintable(form.firstError()));
    QCOMPARE(form.config()->model().toMap(), small.toMap());
    QCOMPARE(form.config()->preset(), QStringLiteral("avt-small"));

    // A model key changed after the preset is a change against the preset.
    form.setValue(QStringLiteral("model.fusion.blocks"), QStringLiteral("2"));
    QCOMPARE(form.overrides(),
             (QStringList{QStringLiteral("model.preset=avt-small"), QStringLiteral("model.fusion.blocks=2")}));
    form.setValue(QStringLiteral("model.preset"), QStringLiteral("mbt-base"));
    QCOMPARE(form.value(QStringLiteral("model.video.encoder")), QStringLiteral("vit"));
    QCOMPARE(form.value(QStringLiteral("model.fusion.blocks")),
             QString::fromStdString(*model::ModelConfig::preset("mbt-base")->get("fusion.blocks")));
    QCOMPARE(form.overrides(), QStringList{QStringLiteral("model.preset=mbt-base")});
}
