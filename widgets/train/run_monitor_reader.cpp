#include "widgets/train/run_monitor_reader.h"

#include "core/launch/launch_spec.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>

namespace avt::widgets::monitor {

namespace {

// Lines of a chunk of a log: '\n'-separated, a trailing '\r' dropped, and of a line redrawn
// with '\r' (a progress bar) only its last state.
QStringList splitLines(const QByteArray &bytes)
{
    QStringList out;
    for (QByteArray line : bytes.split('\n')) {
        if (line.endsWith('\r'))
            line.chop(1);
        if (const qsizetype cr = line.lastIndexOf('\r'); cr >= 0)
            line = line.mid(cr + 1);
        out.append(QString::fromUtf8(line));
    }
    return out;
}

// The last complete lines (at most `maxLines`) of a file of `size` bytes.
LogChunk readTail(QFile &file, qint64 size, int maxLines)
{
    LogChunk c;
    c.reset = true;
    const qint64 start = std::max<qint64>(0, size - kTailBytes);
    file.seek(start);
    const QByteArray bytes = file.read(size - start);
    const qsizetype end = bytes.lastIndexOf('\n');
    if (end < 0) { // no complete line: wait for one (or skip a huge one)
        c.offset = start == 0 ? 0 : size;
        return c;
    }
    qsizetype begin = 0;
    if (start > 0) // the chunk starts inside a line
        begin = bytes.indexOf('\n') + 1;
    if (begin <= end)
        c.lines = splitLines(bytes.mid(begin, end - begin));
    if (c.lines.size() > maxLines)
        c.lines = c.lines.mid(c.lines.size() - maxLines);
    c.offset = start + end + 1;
    return c;
}

// What is new in a log since `offset` (complete lines only); its tail when new or rewritten.
LogChunk readLog(const QString &path, bool known, qint64 offset)
{
    LogChunk c;
    c.offset = offset;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return c;
    const qint64 size = file.size();
    if (!known || size < offset || size - offset > kTailBytes)
        return readTail(file, size, kLogTailLines);
    if (size == offset)
        return c;
    file.seek(offset);
    const QByteArray bytes = file.read(size - offset);
    const qsizetype end = bytes.lastIndexOf('\n');
    if (end < 0)
        return c;
    c.lines = splitLines(bytes.left(end));
    c.offset = offset + end + 1;
    return c;
}

void readLogs(const QString &logDir, const QHash<QString, qint64> &offsets, PollResult *out)
{
    const QStringList names = QDir(logDir).entryList({QStringLiteral("*.log")}, QDir::Files | QDir::Readable);
    for (const QString &name : names) {
        LogChunk c = readLog(QDir(logDir).filePath(name), offsets.contains(name), offsets.value(name));
        c.file = name;
        out->logs.append(std::move(c));
    }
}

// The complete JSON lines of launch.jsonl after `offset`, kept as the latest event of each kind.
void readEvents(const QString &path, qint64 offset, PollResult *out)
{
    out->eventsOffset = offset;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return;
    const qint64 size = file.size();
    if (size < offset) { // a new launch rewrote it
        out->eventsReset = true;
        offset = 0;
    }
    file.seek(offset);
    const QByteArray bytes = file.read(size - offset);
    const qsizetype end = bytes.lastIndexOf('\n');
    if (end < 0)
        return;
    out->eventsOffset = offset + end + 1;
    for (const QByteArray &line : bytes.left(end).split('\n')) {
        const QJsonObject o = QJsonDocument::fromJson(line).object();
        const QString event = o.value(QLatin1String("event")).toString();
        if (event == QLatin1String("start"))
            out->events.start = o;
        else if (event == QLatin1String("step"))
            out->events.step = o;
        else if (event == QLatin1String("checkpoint"))
            out->events.checkpoint = o;
        else if (event == QLatin1String("finished"))
            out->events.finished = o;
        else if (event == QLatin1String("warning"))
            out->events.warning = o.value(QLatin1String("message")).toString();
    }
}

// Rows of each series with a step above the last one read (the summary table says which series
// grew; the metrics_by_run index serves each read). A series whose count or last step went
// down was truncated (a resume replays from its checkpoint): it is read again whole.
Status readMetrics(store::Database &db, qint64 runId, const QHash<QString, SeriesMark> &marks, QList<SeriesRows> *out)
{
    store::Statement sums =
        db.prepare(QStringLiteral("SELECT split, name, points, last_step FROM metric_summaries WHERE run_id = ?1"));
    store::Statement rows =
        db.prepare(QStringLiteral("SELECT step, epoch, value, wall_time FROM metrics WHERE run_id = ?1 AND name = ?2 "
                                  "AND split = ?3 AND step > ?4 ORDER BY step, rowid"));
    if (!sums.isValid() || !rows.isValid())
        return makeError(QStringLiteral("sql"), QStringLiteral("reading metrics: %1").arg(db.lastError()));
    sums.bind(1, runId);
    QSet<QString> seen;
    while (sums.step()) {
        SeriesRows s;
        s.split = sums.columnText(0);
        s.name = sums.columnText(1);
        const qint64 points = sums.columnInt64(2), lastStep = sums.columnInt64(3);
        const QString key = seriesKey(s.split, s.name);
        seen.insert(key);
        const auto known = marks.constFind(key);
        s.reset = known != marks.cend() && (points < known->points || lastStep < known->lastStep);
        if (known != marks.cend() && !s.reset && lastStep <= known->lastStep)
            continue;
        rows.reset();
        rows.bind(1, runId)
            .bind(2, s.name)
            .bind(3, s.split)
            .bind(4, s.reset || known == marks.cend() ? kNoStep : known->lastStep);
        while (rows.step())
            s.rows.append({rows.columnInt64(0), int(rows.columnInt64(1)), s.split, s.name, rows.columnDouble(2),
                           rows.columnDouble(3)});
        if (!rows.error().isEmpty())
            return makeError(QStringLiteral("sql"), QStringLiteral("reading metrics: %1").arg(rows.error()));
        out->append(std::move(s));
    }
    for (auto it = marks.cbegin(); it != marks.cend(); ++it)
        if (!seen.contains(it.key())) // truncated away entirely
            out->append({it.key().section(QLatin1Char('/'), 0, 0), it.key().section(QLatin1Char('/'), 1), true, {}});
    return Ok{};
}

// The store part of a poll: the run and its new metric rows.
void readStore(const PollRequest &req, PollResult *out)
{
    Connection &conn = *req.conn;
    if (!conn.ws) {
        if (!store::Workspace::exists(req.folder)) {
            out->error = QStringLiteral("no workspace in %1").arg(req.folder);
            return;
        }
        auto ws = store::Workspace::open(req.folder);
        if (!ws) {
            out->error = ws.error().message;
            return;
        }
        conn.ws = std::move(*ws);
    }
    auto run = store::findRun(conn.ws->db(), req.run);
    if (!run) {
        out->missing = run.error().code == QLatin1String("missing");
        if (!out->missing)
            out->error = run.error().message;
        return;
    }
    out->haveRun = true;
    out->info = *run;
    out->status = store::effectiveStatus(*run);
    out->resetAll = req.runId != 0 && req.runId != run->id;
    if (auto st =
            readMetrics(conn.ws->db(), run->id, out->resetAll ? QHash<QString, SeriesMark>() : req.marks, &out->series);
        !st)
        out->error = st.error().message;
}

} // namespace

bool logBefore(const QString &a, const QString &b)
{
    static const QRegularExpression rank(QStringLiteral("^rank(\\d+)\\.log$"));
    auto order = [](const QString &n) {
        if (n == QLatin1String("launch.log"))
            return std::pair<int, qint64>(0, 0);
        if (const auto m = rank.match(n); m.hasMatch())
            return std::pair<int, qint64>(1, m.captured(1).toLongLong());
        return std::pair<int, qint64>(2, 0);
    };
    const auto oa = order(a), ob = order(b);
    return oa != ob ? oa < ob : a < b;
}

PollResult readPoll(const PollRequest &req)
{
    PollResult r;
    readStore(req, &r);
    readEvents(launch::launchOutputFile(req.folder, req.run), req.eventsOffset, &r);
    readLogs(QFileInfo(launch::launchErrorFile(req.folder, req.run)).absolutePath(), req.logOffsets, &r);
    return r;
}

} // namespace avt::widgets::monitor
