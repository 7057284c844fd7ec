#include "core/data/annotations.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QSet>
#include <QTextStream>

#include <algorithm>
#include <cmath>
#include <functional>

namespace avt::data {

namespace {

// One raw data line with its number.
struct Line {
    int number;
    QString text;
};

Result<QList<Line>> readLines(const QString &path)
{
    QFile file(path);
    if (!file.exists())
        return makeError(QStringLiteral("missing"), QStringLiteral("annotation file %1 does not exist").arg(path));
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return makeError(QStringLiteral("io"), QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    QTextStream in(&file);
    QList<Line> lines;
    int number = 0;
    while (!in.atEnd()) {
        QString text = in.readLine();
        ++number;
        if (number == 1 && text.startsWith(QChar(0xFEFF)))
            text.remove(0, 1);
        if (text.trimmed().isEmpty())
            continue;
        lines.append({number, text});
    }
    return lines;
}

// Formats a number of seconds the way file names carry it: integers without a fraction.
QString secondsText(double s, int width)
{
    // Only a value qint64 can hold may be converted (a row's "1e27" must not be UB).
    const bool integral = std::abs(s) < 9.0e15 && s == std::trunc(s);
    if (integral)
        return width > 0 ? QStringLiteral("%1").arg(qint64(s), width, 10, QLatin1Char('0'))
                         : QString::number(qint64(s));
    return QString::number(s);
}

QString expandPattern(QString pattern, const QHash<QString, QString> &vars, double start, double end)
{
    pattern.replace(QStringLiteral("{start:06d}"), secondsText(start, 6));
    pattern.replace(QStringLiteral("{end:06d}"), secondsText(end, 6));
    pattern.replace(QStringLiteral("{start}"), secondsText(start, 0));
    pattern.replace(QStringLiteral("{end}"), secondsText(end, 0));
    for (auto it = vars.cbegin(); it != vars.cend(); ++it)
        pattern.replace(QLatin1Char('{') + it.key() + QLatin1Char('}'), it.value());
    return pattern;
}

// First candidate that exists under root, else the first candidate.
QString chooseFile(const QDir &root, const QStringList &candidates)
{
    for (const QString &c : candidates)
        if (QFileInfo::exists(root.filePath(c)))
            return c;
    return candidates.value(0);
}

// A time in a video: a finite number ("nan" and "inf", which QString::toDouble accepts, are not
// times) of at most 10^9 s (32 years; "1e27" is not a time either).
constexpr double kMaxRowSeconds = 1e9;
bool toDouble(const QString &text, double *out)
{
    bool ok = false;
    *out = text.trimmed().toDouble(&ok);
    return ok && std::isfinite(*out) && std::abs(*out) <= kMaxRowSeconds;
}

// Assigns class indices to single-label clips: order of `order` when given, else sorted names.
void assignClassIndices(QList<Clip> &clips, QStringList order)
{
    if (order.isEmpty()) {
        QSet<QString> names;
        for (const Clip &c : clips)
            names.insert(c.label());
        order = QStringList(names.cbegin(), names.cend());
        std::sort(order.begin(), order.end());
    }
    QHash<QString, int> index;
    for (int i = 0; i < order.size(); ++i)
        index.insert(order[i], i);
    for (Clip &c : clips)
        for (ClipLabel &l : c.labels)
            if (l.head == QLatin1String("class"))
                l.classIndex = index.value(l.label, -1);
}

using RowFn = std::function<std::optional<QString>(const Line &, const QStringList &, Annotations &)>;

// Runs fn on every data line; a returned message marks the row bad.
void forEachRow(const QList<Line> &lines, int first, Annotations &out, const RowFn &fn)
{
    for (int i = first; i < lines.size(); ++i) {
        // A NUL or other control character has no place in a path, label or time (Qt would
        // also warn "Broken filename" for every file name made from it).
        const QString &text = lines[i].text;
        const auto control = std::find_if(text.cbegin(), text.cend(),
                                          [](QChar c) { return c.unicode() < 0x20 && c != QLatin1Char('\t'); });
        if (control != text.cend()) {
            out.badRows.append({lines[i].number, QStringLiteral("control character 0x%1 in the row")
                                                     .arg(int(control->unicode()), 2, 16, QLatin1Char('0'))});
            continue;
        }
        QStringList fields;
        if (!splitCsvLine(lines[i].text, &fields)) {
            out.badRows.append({lines[i].number, QStringLiteral("unterminated quote")});
            continue;
        }
        if (auto problem = fn(lines[i], fields, out))
            out.badRows.append({lines[i].number, *problem});
    }
}

void readGenericCsv(const QList<Line> &lines, const QDir &root, Annotations &out)
{
    int first = 0;
    if (!lines.isEmpty()) {
        QStringList header;
        splitCsvLine(lines[0].text, &header);
        if (header.value(0).trimmed().compare(QLatin1String("path"), Qt::CaseInsensitive) == 0)
            first = 1;
    }
    QSet<QString> seen;
    forEachRow(lines, first, out,
               [&](const Line &line, const QStringList &f, Annotations &a) -> std::optional<QString> {
                   if (f.size() < 2 || f.size() > 3)
                       return QStringLiteral("expected path,label[,split], found %1 fields").arg(f.size());
                   const QString path = f[0].trimmed();
                   const QString label = f[1].trimmed();
                   if (path.isEmpty() || label.isEmpty())
                       return QStringLiteral("empty path or label");
                   if (seen.contains(path))
                       return QStringLiteral("duplicate path %1").arg(path);
                   seen.insert(path);
                   Clip c;
                   c.key = path;
                   c.path = path;
                   c.split = f.value(2).trimmed();
                   c.labels = {{QStringLiteral("class"), label, -1}};
                   c.sourceLine = line.number;
                   a.clips.append(c);
                   return std::nullopt;
               });
    Q_UNUSED(root);
    assignClassIndices(out.clips, {});
}

void readVggSound(const QList<Line> &lines, const QDir &root, const QString &pattern, Annotations &out)
{
    QSet<QString> seen;
    forEachRow(lines, 0, out, [&](const Line &line, const QStringList &f, Annotations &a) -> std::optional<QString> {
        if (f.size() != 4)
            return QStringLiteral("expected youtube_id,start_seconds,label,split, found %1 fields").arg(f.size());
        const QString id = f[0].trimmed();
        double start = 0;
        if (id.isEmpty())
            return QStringLiteral("empty youtube_id");
        if (!toDouble(f[1], &start) || start < 0)
            return QStringLiteral("start_seconds '%1' is not a non-negative number").arg(f[1]);
        const QString split = f[3].trimmed();
        if (split != QLatin1String("train") && split != QLatin1String("test"))
            return QStringLiteral("split '%1' is neither train nor test").arg(split);
        Clip c;
        c.key = QStringLiteral("%1_%2").arg(id, secondsText(start, 0));
        if (seen.contains(c.key))
            return QStringLiteral("duplicate clip %1").arg(c.key);
        seen.insert(c.key);
        const QHash<QString, QString> vars{{QStringLiteral("id"), id}};
        const QStringList candidates =
            pattern.isEmpty()
                ? QStringList{expandPattern(QStringLiteral("{id}_{start:06d}.mp4"), vars, start, start + 10),
                              expandPattern(QStringLiteral("{id}_{start}.mp4"), vars, start, start + 10)}
                : QStringList{expandPattern(pattern, vars, start, start + 10)};
        c.path = chooseFile(root, candidates);
        c.split = split;
        c.labels = {{QStringLiteral("class"), f[2].trimmed(), -1}};
        c.sourceLine = line.number;
        a.clips.append(c);
        return std::nullopt;
    });
    assignClassIndices(out.clips, {});
}

Result<QStringList> readClassList(const QString &path)
{
    auto lines = readLines(path);
    if (!lines)
        return makeError(lines.error().code, QStringLiteral("class list: %1").arg(lines.error().message));
    QStringList classes;
    for (const Line &l : *lines)
        classes.append(l.text.trimmed());
    return classes;
}

Status readKinetics(const QList<Line> &lines, const QDir &root, const AnnotationOptions &opt, Annotations &out,
                    const QString &path)
{
    QStringList header;
    if (lines.isEmpty() || !splitCsvLine(lines[0].text, &header) || header.size() < 5
        || header[0].trimmed() != QLatin1String("label") || header[1].trimmed() != QLatin1String("youtube_id"))
        return makeError(
            QStringLiteral("format"),
            QStringLiteral("%1: expected the header label,youtube_id,time_start,time_end,split").arg(path));
    QStringList classes;
    if (!opt.classListFile.isEmpty()) {
        auto list = readClassList(opt.classListFile);
        if (!list)
            return list.error();
        classes = *list;
    }
    const QSet<QString> wanted(classes.cbegin(), classes.cend());
    QSet<QString> seen;
    forEachRow(lines, 1, out, [&](const Line &line, const QStringList &f, Annotations &a) -> std::optional<QString> {
        if (f.size() < 5 || f.size() > 6)
            return QStringLiteral("expected 5 or 6 fields, found %1").arg(f.size());
        const QString label = f[0].trimmed();
        const QString id = f[1].trimmed();
        double start = 0, end = 0;
        if (!toDouble(f[2], &start) || !toDouble(f[3], &end) || start < 0 || end <= start)
            return QStringLiteral("time_start/time_end '%1'/'%2' are not a valid window").arg(f[2], f[3]);
        if (!wanted.isEmpty() && !wanted.contains(label)) {
            ++a.filteredRows;
            return std::nullopt;
        }
        Clip c;
        c.key = QStringLiteral("%1_%2_%3").arg(id, secondsText(start, 6), secondsText(end, 6));
        if (seen.contains(c.key))
            return QStringLiteral("duplicate clip %1").arg(c.key);
        seen.insert(c.key);
        const QHash<QString, QString> vars{{QStringLiteral("id"), id}};
        const QString pattern =
            opt.filenamePattern.isEmpty() ? QStringLiteral("{id}_{start:06d}_{end:06d}.mp4") : opt.filenamePattern;
        c.path = chooseFile(root, {expandPattern(pattern, vars, start, end),
                                   expandPattern(QStringLiteral("{id}.mp4"), vars, start, end)});
        c.split = f[4].trimmed();
        c.labels = {{QStringLiteral("class"), label, -1}};
        c.sourceLine = line.number;
        a.clips.append(c);
        return std::nullopt;
    });
    assignClassIndices(out.clips, classes);
    return Ok{};
}

Status readEpic(const QList<Line> &lines, const QDir &root, const AnnotationOptions &opt, Annotations &out,
                const QString &path)
{
    QStringList header;
    if (lines.isEmpty() || !splitCsvLine(lines[0].text, &header))
        return makeError(QStringLiteral("format"), QStringLiteral("%1: empty EPIC-KITCHENS annotation file").arg(path));
    QHash<QString, int> col;
    for (int i = 0; i < header.size(); ++i)
        col.insert(header[i].trimmed(), i);
    for (const char *needed : {"narration_id", "participant_id", "video_id", "start_timestamp", "stop_timestamp"}) {
        if (!col.contains(QString::fromLatin1(needed)))
            return makeError(QStringLiteral("format"), QStringLiteral("%1: EPIC-KITCHENS header lacks the column '%2'")
                                                           .arg(path, QString::fromLatin1(needed)));
    }
    const bool hasLabels = col.contains(QStringLiteral("verb_class")) && col.contains(QStringLiteral("noun_class"));
    QString split = opt.split;
    if (split.isEmpty()) {
        const QString name = QFileInfo(path).fileName().toLower();
        split = name.contains(QLatin1String("train"))        ? QStringLiteral("train")
                : name.contains(QLatin1String("validation")) ? QStringLiteral("validation")
                                                             : QStringLiteral("test");
    }
    const int width = int(header.size());
    QSet<QString> seen;
    forEachRow(lines, 1, out, [&](const Line &line, const QStringList &f, Annotations &a) -> std::optional<QString> {
        if (f.size() != width)
            return QStringLiteral("expected %1 fields as in the header, found %2").arg(width).arg(f.size());
        auto field = [&](const char *name) { return f.value(col.value(QString::fromLatin1(name), -1)).trimmed(); };
        const double start = parseTimestamp(field("start_timestamp"));
        const double stop = parseTimestamp(field("stop_timestamp"));
        if (start < 0 || stop < 0)
            return QStringLiteral("bad timestamp '%1' or '%2' (expected HH:MM:SS.ff)")
                .arg(field("start_timestamp"), field("stop_timestamp"));
        if (stop <= start)
            return QStringLiteral("stop_timestamp %1 is not after start_timestamp %2")
                .arg(field("stop_timestamp"), field("start_timestamp"));
        Clip c;
        c.key = field("narration_id");
        if (c.key.isEmpty() || seen.contains(c.key))
            return QStringLiteral("missing or duplicate narration_id '%1'").arg(c.key);
        seen.insert(c.key);
        const QString participant = field("participant_id");
        const QString video = field("video_id");
        const QHash<QString, QString> vars{{QStringLiteral("participant"), participant},
                                           {QStringLiteral("video"), video}};
        const QStringList candidates =
            opt.filenamePattern.isEmpty()
                ? QStringList{expandPattern(QStringLiteral("{participant}/{video}.MP4"), vars, start, stop),
                              expandPattern(QStringLiteral("{participant}/videos/{video}.MP4"), vars, start, stop),
                              expandPattern(QStringLiteral("{participant}/{video}.mp4"), vars, start, stop),
                              expandPattern(QStringLiteral("{video}.MP4"), vars, start, stop)}
                : QStringList{expandPattern(opt.filenamePattern, vars, start, stop)};
        c.path = chooseFile(root, candidates);
        c.startS = start;
        c.endS = stop;
        c.split = split;
        if (hasLabels) {
            bool okV = false, okN = false;
            const int verbClass = field("verb_class").toInt(&okV);
            const int nounClass = field("noun_class").toInt(&okN);
            if (!okV || !okN || verbClass < 0 || nounClass < 0)
                return QStringLiteral("verb_class/noun_class '%1'/'%2' are not class ids")
                    .arg(field("verb_class"), field("noun_class"));
            c.labels = {{QStringLiteral("verb"), field("verb"), verbClass},
                        {QStringLiteral("noun"), field("noun"), nounClass}};
        }
        c.sourceLine = line.number;
        a.clips.append(c);
        return std::nullopt;
    });
    return Ok{};
}

} // namespace

Result<AnnotationFormat> parseFormat(const QString &name)
{
    const QString n = name.toLower();
    if (n == QLatin1String("csv"))
        return AnnotationFormat::Csv;
    if (n == QLatin1String("vggsound"))
        return AnnotationFormat::VggSound;
    if (n == QLatin1String("kinetics-sounds") || n == QLatin1String("kinetics"))
        return AnnotationFormat::KineticsSounds;
    if (n == QLatin1String("epic-kitchens-100") || n == QLatin1String("epic"))
        return AnnotationFormat::Epic100;
    return makeError(
        QStringLiteral("usage"),
        QStringLiteral("unknown dataset format '%1' (use csv, vggsound, kinetics-sounds or epic-kitchens-100)")
            .arg(name));
}

QString formatName(AnnotationFormat format)
{
    switch (format) {
    case AnnotationFormat::Csv: return QStringLiteral("csv");
    case AnnotationFormat::VggSound: return QStringLiteral("vggsound");
    case AnnotationFormat::KineticsSounds: return QStringLiteral("kinetics-sounds");
    case AnnotationFormat::Epic100: return QStringLiteral("epic-kitchens-100");
    }
    return QString();
}

Result<Annotations> readAnnotations(const QString &path, const AnnotationOptions &options)
{
    auto lines = readLines(path);
    if (!lines)
        return lines.error();
    Annotations out;
    out.mediaRoot =
        QFileInfo(options.mediaRoot.isEmpty() ? QFileInfo(path).absolutePath() : options.mediaRoot).absoluteFilePath();
    const QDir root(out.mediaRoot);
    switch (options.format) {
    case AnnotationFormat::Csv: readGenericCsv(*lines, root, out); break;
    case AnnotationFormat::VggSound: readVggSound(*lines, root, options.filenamePattern, out); break;
    case AnnotationFormat::KineticsSounds:
        if (auto st = readKinetics(*lines, root, options, out, path); !st)
            return st.error();
        break;
    case AnnotationFormat::Epic100:
        if (auto st = readEpic(*lines, root, options, out, path); !st)
            return st.error();
        break;
    }
    return out;
}

bool splitCsvLine(const QString &line, QStringList *fields)
{
    fields->clear();
    QString current;
    bool inQuotes = false;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar ch = line[i];
        if (inQuotes) {
            if (ch == QLatin1Char('"')) {
                if (i + 1 < line.size() && line[i + 1] == QLatin1Char('"')) {
                    current.append(QLatin1Char('"'));
                    ++i;
                } else {
                    inQuotes = false;
                }
            } else {
                current.append(ch);
            }
        } else if (ch == QLatin1Char('"')) {
            inQuotes = true;
        } else if (ch == QLatin1Char(',')) {
            fields->append(current);
            current.clear();
        } else if (ch != QLatin1Char('\r')) {
            current.append(ch);
        }
    }
    fields->append(current);
    return !inQuotes;
}

double parseTimestamp(const QString &text)
{
    const QStringList parts = text.trimmed().split(QLatin1Char(':'));
    if (parts.isEmpty() || parts.size() > 3)
        return -1;
    double total = 0;
    for (int i = 0; i < parts.size(); ++i) {
        // Digits and one decimal point only: no sign ("-00" would read as 0), no "nan" or "inf".
        const QString part = parts[i].trimmed();
        if (part.isEmpty() || part.count(QLatin1Char('.')) > 1
            || std::any_of(part.begin(), part.end(), [](QChar c) { return !c.isDigit() && c != QLatin1Char('.'); }))
            return -1;
        bool ok = false;
        const double v = part.toDouble(&ok);
        if (!ok || !std::isfinite(v) || v < 0 || (i > 0 && v >= 60))
            return -1;
        total = total * 60 + v;
    }
    return total;
}

} // namespace avt::data
