#pragma once
// The run launcher's form: one field per run config key, built from the engine's own key lists
// (train::RunConfig::keys(), model.preset, model.<ModelConfig key>, masking.detector.<detector
// key>), so a key added to a table appears here without touching the form. Sections: Model
// (preset, then audio / video / fusion / head / other), Data, Losses, Masking (with the segment
// detector), Optimisation, Distribution, Run, and Other for keys of an unknown prefix, all in a
// scroll area.
//
//   auto *form = new ConfigForm(parent);
//   form->setDatasets(workspaceDatasets);             // items of run.dataset
//   form->setBase(*RunConfig::fromFile(path));         // fields show the base; no changes yet
//   connect(form, &ConfigForm::changed, [=] { launch->setEnabled(form->isValid()); });
//   ...
//   if (auto cfg = form->config())                     // base + overrides(), validated
//       start(form->overrides());                      // "key=value" list for --set
//
// Fields: Int -> QSpinBox over the key's range, Real / Text -> QLineEdit (reals as the engine
// prints them, 1e-06 stays 1e-06), Bool -> QCheckBox, Choice -> QComboBox, run.dataset -> an
// editable QComboBox, run.init -> a QLineEdit with a file button, model.preset -> QComboBox,
// model.* -> QCheckBox for true/false keys else QLineEdit, integer detector keys -> QSpinBox.
// Each editor is named "field:<key>", its error label "error:<key>", the whole-config message
// label "formError"; the tooltip holds the key and its help.
//
// Checks: every edit re-applies the changed keys to a copy of the base, in overrides() order,
// with RunConfig::set (a refused value shows the engine's message under its field), then runs
// RunConfig::validate() once (its message under the form). Choosing model.preset fills the
// model.* fields with that preset's values, which then count as following the preset, not as
// changes; choosing the base's preset again fills that preset's own values, and where the base
// had model keys of its own those show as changes.
// GUI thread only.
#include "core/train/run_config.h"
#include "core/util/result.h"

#include <QHash>
#include <QString>
#include <QStringList>
#include <QWidget>

#include <functional>
#include <vector>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QVBoxLayout;

namespace avt::widgets {

class ConfigForm : public QWidget {
    Q_OBJECT
public:
    explicit ConfigForm(QWidget *parent = nullptr); // starts from a default RunConfig

    // Fills every field from base and forgets the user's changes.
    void setBase(const train::RunConfig &base);
    train::RunConfig base() const { return m_base; }

    // "key=value" for each field that differs from the base: model.preset (if changed), the
    // model keys, the table keys in table order, the detector keys. base().applyOverrides()
    // with them gives exactly config() (when the values are valid).
    QStringList overrides() const { return m_overrides; }
    // base + overrides(), validated; the error is the first refused key's (or validate()'s)
    // message, which names the key.
    Result<train::RunConfig> config() const;
    bool isValid() const { return m_firstError.isEmpty(); }
    QString firstError() const { return m_firstError; }

    // Sets one field as if the user had typed the value (emits changed() when that changes
    // overrides() or the errors); a value a field cannot show (an unknown choice) is ignored.
    void setValue(const QString &key, const QString &value);
    // The field's current text ("true" / "false" for check boxes); empty for an unknown key.
    QString value(const QString &key) const;
    // Every key shown, in form order.
    QStringList keys() const;

    // Items of the run.dataset field (its text stays as it is).
    void setDatasets(const QStringList &names);

signals:
    // Once per edit that changes overrides() or the errors.
    void changed();

private:
    struct Field {
        QString key;
        const train::ConfigKey *tableKey = nullptr;                // a table key, else null
        const segments::DetectorParamField *detectorKey = nullptr; // masking.detector.*, else null
        QWidget *editor = nullptr; // QSpinBox, QLineEdit, QCheckBox or QComboBox "field:<key>"
        QLabel *error = nullptr;   // "error:<key>", hidden when the value is accepted
        QString reference;         // canonical value the field is compared with (base or preset)
    };

    void addModelKeys(QVBoxLayout *layout, QWidget *box);
    void addTableKeys(QFormLayout *form, const std::function<bool(const QString &prefix)> &wanted);
    void addDetectorKeys(QFormLayout *form);
    void addField(QFormLayout *form, Field field, const QString &tooltip, QWidget *extra = nullptr);
    QWidget *browseButton(QLineEdit *edit);

    void edited(int index);
    void followPreset();
    void recheck(bool notify);
    QString baseText(const Field &field, const train::RunConfig &from) const;
    QString canonical(const Field &field, const QString &text) const;

    train::RunConfig m_base;
    std::vector<Field> m_fields;    // in form order
    std::vector<int> m_applyOrder;  // indices in overrides() order
    QHash<QString, int> m_index;    // key -> index in m_fields
    QComboBox *m_dataset = nullptr; // run.dataset, when the table has it
    QLabel *m_formError;
    QStringList m_overrides;
    QString m_firstError;
};

} // namespace avt::widgets
