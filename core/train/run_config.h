#pragma once
// RunConfig: everything that defines a training or evaluation run, as flat dotted keys with
// types, defaults, allowed ranges and a line of help each (one table: run_config.cpp), plus the
// model architecture (model.* keys, delegated to model::ModelConfig and its presets) and the
// segment detector (masking.detector.* keys, delegated to segments::DetectorParams).
//
//   auto cfg = RunConfig::fromFile("ladder.yaml");         // JSON or a YAML subset
//   cfg->set("losses.avc", "0.5");                         // what --set losses.avc=0.5 does
//   if (auto st = cfg->validate(); !st) fail(st.error().message);
//   double lr = cfg->real("optim.lr");
//   QJsonObject stored = cfg->toJson();                     // resolved, stored with the run
//
// Files: JSON objects (nested or with dotted keys), or YAML block mappings
// ("optim:\n  lr: 1e-4", "# comments", quoted or bare scalars; no lists or anchors).
// model.preset is applied before any other model.* key, whatever the order in the file.
// Every error names the key (and the file and line for files) and the allowed values.
#include "core/segments/detector_params.h"
#include "core/util/result.h"
#include "model/config/model_config.h"

#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QStringList>

namespace avt::train {

struct ConfigKey {
    enum class Type { Int, Real, Bool, Text, Choice };
    QString key;
    Type type;
    QString defaultValue;
    double min = 0;
    double max = 0;
    QStringList choices; // Choice only
    QString help;
};

class RunConfig {
public:
    RunConfig(); // all defaults, model preset avt-tiny

    // The table of run keys (not model.* / masking.detector.*), in a stable order.
    static const QList<ConfigKey> &keys();

    static Result<RunConfig> fromFile(const QString &path);
    static Result<RunConfig> fromJson(const QJsonObject &object, const QString &origin = QString());

    // Sets one key from text, checking its type and range. Keys: the table's, model.preset,
    // model.<ModelConfig key>, masking.detector.<DetectorParams key>.
    Status set(const QString &key, const QString &value);
    // Applies "key=value" overrides in order (the --set option).
    Status applyOverrides(const QStringList &assignments);
    // Whole-config rules (model validity, choices that depend on each other).
    Status validate() const;

    // Typed reads of table keys (the key must exist: a typo is a programming error).
    qint64 integer(const QString &key) const;
    double real(const QString &key) const;
    bool flag(const QString &key) const;
    QString text(const QString &key) const;

    const model::ModelConfig &model() const { return m_model; }
    model::ModelConfig &model() { return m_model; }
    const segments::DetectorParams &detector() const { return m_detector; }
    QString preset() const { return m_preset; }

    // The resolved config: {"run": {...}, "model": {"preset": ..., keys...}, ...} with every
    // key present, so a stored run can be reproduced with fromJson() alone.
    QJsonObject toJson() const;
    // Flat "key=value" list of the keys that differ from the defaults (for run names / tables).
    QStringList differences(const RunConfig &base) const;

private:
    Status setModelKey(const QString &key, const QString &value);

    QMap<QString, QString> m_values;
    QString m_preset = QStringLiteral("avt-tiny");
    model::ModelConfig m_model;
    segments::DetectorParams m_detector;
};

// Flattens nested JSON objects into dotted keys ({"a": {"b": 1}} -> {"a.b": "1"}).
QMap<QString, QString> flattenJson(const QJsonObject &object, const QString &prefix = QString());
// Parses the YAML subset described above into dotted keys; errors name the line.
Result<QList<QPair<QString, QString>>> parseYamlSubset(const QString &text, const QString &origin);

// A run's name is a folder under the workspace's runs/: one path component of letters, digits,
// '.', '_', '+' and '-', starting with a letter or digit, so that no name (../../x, /tmp/x, a
// hidden .x) leads outside it. The error quotes the name.
Status checkRunName(const QString &name);

} // namespace avt::train
