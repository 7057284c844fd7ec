#include "core/train/run_config.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QLocale>
#include <QJsonDocument>
#include <QRegularExpression>

#include <cmath>

namespace avt::train {

namespace {

using T = ConfigKey::Type;

ConfigKey choice(const char *key, const char *def, QStringList choices, const char *help)
{
    return {QString::fromLatin1(key), T::Choice, QString::fromLatin1(def), 0, 0, std::move(choices),
            QString::fromLatin1(help)};
}
ConfigKey num(const char *key, T type, const char *def, double min, double max, const char *help)
{
    return {QString::fromLatin1(key), type, QString::fromLatin1(def), min, max, {}, QString::fromLatin1(help)};
}
ConfigKey flagKey(const char *key, const char *def, const char *help)
{
    return {QString::fromLatin1(key), T::Bool, QString::fromLatin1(def), 0, 1, {}, QString::fromLatin1(help)};
}
ConfigKey textKey(const char *key, const char *def, const char *help)
{
    return {QString::fromLatin1(key), T::Text, QString::fromLatin1(def), 0, 0, {}, QString::fromLatin1(help)};
}

QList<ConfigKey> makeKeys()
{
    return {
        textKey("run.name", "", "run name in the workspace (default: made from the config and time)"),
        num("run.seed", T::Int, "1", 0, 2147483647,
            "seed of every random choice (data order, augmentation, masks, init)"),
        textKey("run.dataset", "", "dataset name in the workspace"),
        textKey("run.train_split", "train", "split to train on"),
        textKey("run.eval_split", "test", "split to evaluate on"),
        textKey("run.init", "",
                "starting weights: an import-weights output or a run checkpoint (tensors matched by name and shape; "
                "the rest keep their initialisation)"),
        choice("run.device", "auto", {QStringLiteral("auto"), QStringLiteral("cpu"), QStringLiteral("cuda")},
               "where to run"),
        num("run.checkpoint_every", T::Int, "0", 0, 1e9, "steps between checkpoints (0: at epoch ends only)"),
        num("run.keep_last", T::Int, "2", 1, 1000, "checkpoints kept besides the best"),
        num("run.log_every", T::Int, "10", 1, 1e9, "steps between metric records"),
        flagKey("run.eval_each_epoch", "true",
                "evaluate on the eval split after every epoch (keeps the best checkpoint)"),
        num("run.threads", T::Int, "0", 0, 1024,
            "LibTorch intra-op threads per rank (0: LibTorch's default, shared among ranks; the run log prints the "
            "count)"),

        num("data.clip_seconds", T::Real, "10", 0.1, 3600,
            "seconds per training window (clips longer than this are cropped at random)"),
        num("data.workers", T::Int, "2", 1, 64, "loader worker threads per rank"),
        num("data.prefetch", T::Int, "2", 1, 64, "batches prepared ahead"),
        num("data.decode_threads", T::Int, "1", 0, 64, "FFmpeg threads per clip (0: cores / workers)"),
        num("data.cache_mib", T::Int, "1024", 0, 1048576, "in-memory cache of decoded clips (0: off)"),
        flagKey("data.prepared", "true", "read a prepared clip cache (the prepare verb) when one matches"),
        num("data.audio_mean", T::Real, "-4.2677393", -100, 100, "fbank normalisation mean (AudioSet)"),
        num("data.audio_std", T::Real, "4.5689974", 1e-6, 100, "fbank normalisation std (AudioSet)"),
        flagKey("data.augment", "true", "train-time augmentation on/off"),
        num("data.scale_max", T::Real, "1.25", 1, 4, "random resized crop: short side up to size * scale_max"),
        flagKey("data.flip", "true", "random horizontal flip"),
        num("data.freq_mask", T::Int, "24", 0, 1024, "SpecAugment: most mel bins masked"),
        num("data.time_mask", T::Int, "96", 0, 100000, "SpecAugment: most frames masked (per 1024 frames)"),
        num("data.mixup", T::Real, "0", 0, 10, "mixup alpha (0: off)"),
        num("data.eval_temporal_views", T::Int, "1", 1, 64, "evaluation: windows per clip"),
        num("data.eval_spatial_views", T::Int, "1", 1, 3, "evaluation: crops per window"),

        num("losses.cls", T::Real, "1", 0, 100, "weight of the classification loss"),
        num("losses.avc", T::Real, "0", 0, 100, "lambda1: audio-video contrastive (paper: 0.5)"),
        num("losses.avm", T::Real, "0", 0, 100, "lambda2: audio-video matching (paper: 0.1)"),
        num("losses.masked", T::Real, "0", 0, 100, "lambda3: masked reconstruction (paper: 0.01)"),
        num("losses.temperature", T::Real, "0.07", 0.001, 0.5, "tau of AVC"),
        flagKey("losses.learn_temperature", "false", "learn tau (clamped to [0.001, 0.5]) as ALBEF does"),
        num("losses.label_smoothing", T::Real, "0", 0, 0.99, "label smoothing of the classification loss"),

        choice("masking.audio", "none", {QStringLiteral("none"), QStringLiteral("random"), QStringLiteral("segment")},
               "audio token masking: none, random (MAV) or activity segments (MASegmV)"),
        choice("masking.video", "none", {QStringLiteral("none"), QStringLiteral("random"), QStringLiteral("tube")},
               "video token masking: none, random or tube"),
        num("masking.probability", T::Real, "0.04", 0, 1, "share of tokens / segments masked (paper: 4%)"),

        num("optim.epochs", T::Int, "10", 1, 100000, "epochs"),
        num("optim.batch", T::Int, "8", 1, 100000, "batch size per rank"),
        num("optim.lr", T::Real, "1e-4", 0, 10, "peak learning rate (AdamW)"),
        num("optim.min_lr", T::Real, "1e-6", 0, 10, "learning rate at the end of the cosine"),
        num("optim.weight_decay", T::Real, "0.05", 0, 10, "AdamW weight decay"),
        num("optim.beta1", T::Real, "0.9", 0, 0.999999, "AdamW beta1"),
        num("optim.beta2", T::Real, "0.999", 0, 0.999999, "AdamW beta2"),
        num("optim.warmup_steps", T::Int, "100", 0, 1e9, "linear warmup steps"),
        num("optim.clip_grad", T::Real, "1", 0, 1e6, "gradient norm clipping (0: off)"),
        num("optim.accumulate", T::Int, "1", 1, 1024, "batches per optimiser step"),
        choice("optim.precision", "fp32", {QStringLiteral("fp32"), QStringLiteral("bf16"), QStringLiteral("fp16")},
               "autocast precision on CUDA (CPU always runs fp32)"),

        num("dist.nproc_per_node", T::Int, "1", 1, 1024, "ranks started on this machine"),
        choice("dist.backend", "auto", {QStringLiteral("auto"), QStringLiteral("gloo"), QStringLiteral("nccl")},
               "process group: auto = NCCL on CUDA, Gloo on CPU"),
        num("dist.timeout_s", T::Int, "300", 5, 86400, "seconds before a missing rank is an error"),
        num("dist.eval_timeout_s", T::Int, "21600", 5, 604800,
            "seconds the other ranks wait for rank 0's evaluation (not the collective timeout)"),
    };
}

const ConfigKey *findKey(const QString &key)
{
    for (const ConfigKey &k : RunConfig::keys())
        if (k.key == key)
            return &k;
    return nullptr;
}

bool parseBool(const QString &text, bool *out)
{
    const QString t = text.trimmed().toLower();
    if (t == QLatin1String("true") || t == QLatin1String("1") || t == QLatin1String("yes")
        || t == QLatin1String("on")) {
        *out = true;
        return true;
    }
    if (t == QLatin1String("false") || t == QLatin1String("0") || t == QLatin1String("no")
        || t == QLatin1String("off")) {
        *out = false;
        return true;
    }
    return false;
}

Error keyError(const QString &key, const QString &message)
{
    return makeError(QStringLiteral("config"), QStringLiteral("%1: %2").arg(key, message));
}

// Checks and normalises a value for a table key.
Result<QString> checkValue(const ConfigKey &k, const QString &raw)
{
    const QString v = raw.trimmed();
    switch (k.type) {
    case T::Int: {
        bool ok = false;
        const double d = v.toDouble(&ok);
        if (!ok || d != std::floor(d) || d < k.min || d > k.max)
            return keyError(k.key, QStringLiteral("expected an integer in [%1, %2], got '%3'")
                                       .arg(k.min, 0, 'g', 12)
                                       .arg(k.max, 0, 'g', 12)
                                       .arg(raw));
        return QString::number(qint64(d));
    }
    case T::Real: {
        bool ok = false;
        const double d = v.toDouble(&ok);
        if (!ok || !std::isfinite(d) || d < k.min || d > k.max)
            return keyError(k.key, QStringLiteral("expected a number in [%1, %2], got '%3'")
                                       .arg(k.min, 0, 'g', 12)
                                       .arg(k.max, 0, 'g', 12)
                                       .arg(raw));
        return QString::number(d, 'g', 17);
    }
    case T::Bool: {
        bool b = false;
        if (!parseBool(v, &b))
            return keyError(k.key, QStringLiteral("expected true or false, got '%1'").arg(raw));
        return b ? QStringLiteral("true") : QStringLiteral("false");
    }
    case T::Choice:
        if (!k.choices.contains(v))
            return keyError(
                k.key, QStringLiteral("expected one of %1, got '%2'").arg(k.choices.join(QStringLiteral(", ")), raw));
        return v;
    case T::Text:
        // A run's name is a folder under the workspace's runs/: one path component of plain
        // characters, so that no name (../../x, /tmp/x, a hidden .x) can lead outside it.
        if (k.key == QLatin1String("run.name") && !v.isEmpty())
            if (auto st = checkRunName(v); !st)
                return keyError(k.key, st.error().message);
        return v;
    }
    return v;
}

} // namespace

Status checkRunName(const QString &name)
{
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._+-]{0,127}$"));
    if (!plain.match(name).hasMatch())
        return makeError(QStringLiteral("config"),
                         QStringLiteral("'%1' is not a run name (letters, digits, '.', '_', "
                                        "'+', '-', starting with a letter or digit, at most 128)")
                             .arg(name));
    return Ok{};
}

const QList<ConfigKey> &RunConfig::keys()
{
    static const QList<ConfigKey> table = makeKeys();
    return table;
}

RunConfig::RunConfig()
{
    for (const ConfigKey &k : keys())
        m_values.insert(k.key, k.defaultValue);
    m_model = *model::ModelConfig::preset(m_preset.toStdString());
}

Status RunConfig::setModelKey(const QString &key, const QString &value)
{
    const QString sub = key.mid(6); // after "model."
    if (sub == QLatin1String("preset")) {
        auto preset = model::ModelConfig::preset(value.trimmed().toStdString());
        if (!preset) {
            QStringList names;
            for (const auto &n : model::ModelConfig::presetNames())
                names.append(QString::fromStdString(n));
            return keyError(
                key, QStringLiteral("unknown preset '%1' (one of %2)").arg(value, names.join(QStringLiteral(", "))));
        }
        m_preset = value.trimmed();
        m_model = *preset;
        return Ok{};
    }
    std::string error;
    if (!m_model.set(sub.toStdString(), value.trimmed().toStdString(), &error))
        return makeError(QStringLiteral("config"), QStringLiteral("model.%1").arg(QString::fromStdString(error)));
    return Ok{};
}

Status RunConfig::set(const QString &key, const QString &value)
{
    if (key.startsWith(QLatin1String("model.")))
        return setModelKey(key, value);
    if (key.startsWith(QLatin1String("masking.detector."))) {
        if (auto st = m_detector.set(key.mid(17), value.trimmed()); !st)
            return keyError(key, st.error().message);
        return Ok{};
    }
    const ConfigKey *k = findKey(key);
    if (!k)
        return keyError(key, QStringLiteral("unknown key (see --help-config for the list)"));
    auto checked = checkValue(*k, value);
    if (!checked)
        return checked.error();
    m_values.insert(key, *checked);
    return Ok{};
}

Status RunConfig::applyOverrides(const QStringList &assignments)
{
    for (const QString &a : assignments) {
        const qsizetype eq = a.indexOf(QLatin1Char('='));
        if (eq <= 0)
            return makeError(QStringLiteral("config"), QStringLiteral("--set expects KEY=VALUE, got '%1'").arg(a));
        if (auto st = set(a.left(eq).trimmed(), a.mid(eq + 1)); !st)
            return st;
    }
    return Ok{};
}

Status RunConfig::validate() const
{
    const std::string modelError = m_model.validate();
    if (!modelError.empty())
        return makeError(QStringLiteral("config"), QStringLiteral("model: %1").arg(QString::fromStdString(modelError)));
    if (auto st = m_detector.validate(); !st)
        return keyError(QStringLiteral("masking.detector"), st.error().message);
    const QString mode = QString::fromStdString(m_model.fusion.mode);
    const bool twoModalities = m_model.hasAudio() && m_model.hasVideo();
    if ((real(QStringLiteral("losses.avc")) > 0 || real(QStringLiteral("losses.avm")) > 0) && !twoModalities)
        return keyError(QStringLiteral("losses.avc"),
                        QStringLiteral("AVC and AVM need both modalities (model.fusion.mode is %1)").arg(mode));
    if (real(QStringLiteral("losses.avm")) > 0 && (mode == QLatin1String("late") || !m_model.head.avm))
        return keyError(QStringLiteral("losses.avm"),
                        QStringLiteral("AVM needs a fusing mode (avt, mbt, concat) and model.head.avm=true"));
    if (real(QStringLiteral("losses.masked")) > 0) {
        if (!m_model.head.decoders)
            return keyError(QStringLiteral("losses.masked"),
                            QStringLiteral("masked reconstruction needs model.head.decoders=true"));
        if (text(QStringLiteral("masking.audio")) == QLatin1String("none")
            && text(QStringLiteral("masking.video")) == QLatin1String("none"))
            return keyError(QStringLiteral("losses.masked"),
                            QStringLiteral("masked reconstruction needs masking.audio or masking.video"));
    }
    if (real(QStringLiteral("optim.min_lr")) > real(QStringLiteral("optim.lr")))
        return keyError(QStringLiteral("optim.min_lr"), QStringLiteral("must not exceed optim.lr"));
    return Ok{};
}

qint64 RunConfig::integer(const QString &key) const
{
    Q_ASSERT_X(findKey(key), "RunConfig::integer", qPrintable(key));
    return m_values.value(key).toLongLong();
}

double RunConfig::real(const QString &key) const
{
    Q_ASSERT_X(findKey(key), "RunConfig::real", qPrintable(key));
    return m_values.value(key).toDouble();
}

bool RunConfig::flag(const QString &key) const
{
    Q_ASSERT_X(findKey(key), "RunConfig::flag", qPrintable(key));
    return m_values.value(key) == QLatin1String("true");
}

QString RunConfig::text(const QString &key) const
{
    Q_ASSERT_X(findKey(key), "RunConfig::text", qPrintable(key));
    return m_values.value(key);
}

QJsonObject RunConfig::toJson() const
{
    QJsonObject root;
    auto put = [&root](const QString &dotted, const QJsonValue &value) {
        const QString group = dotted.section(QLatin1Char('.'), 0, 0);
        QJsonObject obj = root.value(group).toObject();
        obj.insert(dotted.section(QLatin1Char('.'), 1), value);
        root.insert(group, obj);
    };
    for (const ConfigKey &k : keys()) {
        const QString v = m_values.value(k.key);
        switch (k.type) {
        case T::Int: put(k.key, v.toLongLong()); break;
        case T::Real: put(k.key, v.toDouble()); break;
        case T::Bool: put(k.key, v == QLatin1String("true")); break;
        default: put(k.key, v); break;
        }
    }
    put(QStringLiteral("model.preset"), m_preset);
    for (const auto &[key, value] : m_model.toMap())
        put(QStringLiteral("model.") + QString::fromStdString(key), QString::fromStdString(value));
    QJsonObject masking = root.value(QStringLiteral("masking")).toObject();
    masking.insert(QStringLiteral("detector"), m_detector.toJson());
    root.insert(QStringLiteral("masking"), masking);
    return root;
}

QStringList RunConfig::differences(const RunConfig &base) const
{
    QStringList out;
    if (m_preset != base.m_preset)
        out.append(QStringLiteral("model.preset=%1").arg(m_preset));
    const auto mine = m_model.toMap(), theirs = base.m_model.toMap();
    for (const auto &[key, value] : mine)
        if (theirs.count(key) == 0 || theirs.at(key) != value)
            out.append(QStringLiteral("model.%1=%2").arg(QString::fromStdString(key), QString::fromStdString(value)));
    for (const ConfigKey &k : keys())
        if (m_values.value(k.key) != base.m_values.value(k.key))
            out.append(QStringLiteral("%1=%2").arg(k.key, m_values.value(k.key)));
    return out;
}

QMap<QString, QString> flattenJson(const QJsonObject &object, const QString &prefix)
{
    QMap<QString, QString> out;
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString key = prefix.isEmpty() ? it.key() : prefix + QLatin1Char('.') + it.key();
        const QJsonValue v = it.value();
        if (v.isObject()) {
            out.insert(flattenJson(v.toObject(), key));
        } else if (v.isBool()) {
            out.insert(key, v.toBool() ? QStringLiteral("true") : QStringLiteral("false"));
        } else if (v.isDouble()) {
            out.insert(key, QString::number(v.toDouble(), 'g', QLocale::FloatingPointShortest));
        } else if (v.isArray()) {
            QStringList parts;
            for (const QJsonValue &e : v.toArray())
                parts.append(e.isDouble() ? QString::number(e.toDouble(), 'g', QLocale::FloatingPointShortest) : e.toString());
            out.insert(key, parts.join(QLatin1Char(',')));
        } else {
            out.insert(key, v.toString());
        }
    }
    return out;
}

Result<QList<QPair<QString, QString>>> parseYamlSubset(const QString &text, const QString &origin)
{
    QList<QPair<QString, QString>> out;
    QList<QPair<int, QString>> stack; // (indent, key) of open mappings
    const QStringList lines = text.split(QLatin1Char('\n'));
    static const QRegularExpression entry(QStringLiteral("^( *)([A-Za-z0-9_.\\-]+)\\s*:\\s*(.*)$"));
    for (int i = 0; i < lines.size(); ++i) {
        QString line = lines[i];
        line.remove(QLatin1Char('\r'));
        // Drop comments outside quotes.
        qsizetype hash = -1;
        bool inQuote = false;
        QChar quote;
        for (qsizetype c = 0; c < line.size(); ++c) {
            const QChar ch = line[c];
            if (inQuote) {
                if (ch == quote)
                    inQuote = false;
            } else if (ch == QLatin1Char('"') || ch == QLatin1Char('\'')) {
                inQuote = true;
                quote = ch;
            } else if (ch == QLatin1Char('#') && (c == 0 || line[c - 1].isSpace())) {
                hash = c;
                break;
            }
        }
        if (hash >= 0)
            line.truncate(hash);
        if (line.trimmed().isEmpty() || line.trimmed() == QLatin1String("---"))
            continue;
        if (line.contains(QLatin1Char('\t')))
            return makeError(QStringLiteral("config"),
                             QStringLiteral("%1:%2: tabs are not allowed in YAML indentation").arg(origin).arg(i + 1));
        const auto m = entry.match(line);
        if (!m.hasMatch())
            return makeError(
                QStringLiteral("config"),
                QStringLiteral("%1:%2: expected 'key: value' (lists and other YAML forms are not supported)")
                    .arg(origin)
                    .arg(i + 1));
        const int indent = int(m.captured(1).size());
        while (!stack.isEmpty() && stack.last().first >= indent)
            stack.removeLast();
        QString value = m.captured(3).trimmed();
        QStringList path;
        for (const auto &p : stack)
            path.append(p.second);
        path.append(m.captured(2));
        if (value.isEmpty()) {
            stack.append({indent, m.captured(2)});
            continue;
        }
        if (value.size() >= 2 && (value.startsWith(QLatin1Char('"')) || value.startsWith(QLatin1Char('\'')))) {
            if (!value.endsWith(value[0]))
                return makeError(QStringLiteral("config"),
                                 QStringLiteral("%1:%2: unterminated quote").arg(origin).arg(i + 1));
            value = value.mid(1, value.size() - 2);
        } else if (value.startsWith(QLatin1Char('[')) && value.endsWith(QLatin1Char(']'))) {
            value = value.mid(1, value.size() - 2)
                        .split(QLatin1Char(','))
                        .replaceInStrings(QRegularExpression(QStringLiteral("^\\s+|\\s+$")), QString())
                        .join(QLatin1Char(','));
        }
        out.append({path.join(QLatin1Char('.')), value});
    }
    return out;
}

Result<RunConfig> RunConfig::fromJson(const QJsonObject &object, const QString &origin)
{
    RunConfig cfg;
    QMap<QString, QString> flat = flattenJson(object);
    // The preset first: it replaces the whole model.
    if (flat.contains(QStringLiteral("model.preset")))
        if (auto st = cfg.set(QStringLiteral("model.preset"), flat.take(QStringLiteral("model.preset"))); !st)
            return makeError(st.error().code, origin.isEmpty() ? st.error().message
                                                               : origin + QStringLiteral(": ") + st.error().message);
    for (auto it = flat.cbegin(); it != flat.cend(); ++it)
        if (auto st = cfg.set(it.key(), it.value()); !st)
            return makeError(st.error().code, origin.isEmpty() ? st.error().message
                                                               : origin + QStringLiteral(": ") + st.error().message);
    return cfg;
}

Result<RunConfig> RunConfig::fromFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return makeError(QStringLiteral("io"), QStringLiteral("cannot read config %1: %2").arg(path, f.errorString()));
    const QByteArray data = f.readAll();
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("json") || data.trimmed().startsWith('{')) {
        QJsonParseError err;
        const QJsonDocument doc = QJsonDocument::fromJson(data, &err);
        if (err.error != QJsonParseError::NoError || !doc.isObject())
            return makeError(
                QStringLiteral("config"),
                QStringLiteral("%1: invalid JSON at offset %2: %3").arg(path).arg(err.offset).arg(err.errorString()));
        return fromJson(doc.object(), path);
    }
    auto pairs = parseYamlSubset(QString::fromUtf8(data), path);
    if (!pairs)
        return pairs.error();
    RunConfig cfg;
    // The preset first, then every key in file order.
    for (const auto &p : *pairs)
        if (p.first == QLatin1String("model.preset"))
            if (auto st = cfg.set(p.first, p.second); !st)
                return makeError(st.error().code, path + QStringLiteral(": ") + st.error().message);
    for (const auto &p : *pairs)
        if (p.first != QLatin1String("model.preset"))
            if (auto st = cfg.set(p.first, p.second); !st)
                return makeError(st.error().code, path + QStringLiteral(": ") + st.error().message);
    return cfg;
}

} // namespace avt::train
