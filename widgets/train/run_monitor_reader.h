#pragma once
// What the run monitor reads on each poll, on a background thread: the run's new metric rows
// (only the series that grew, only the steps after those already read), the new complete lines
// of launch.jsonl (the latest progress event of each kind) and of each log in the run's logs/
// folder. The monitor merges a PollResult on the GUI thread.
//
// The store connection of a workspace (Connection) is opened once and handed from one poll to
// the next: polls never overlap, so one thread at a time uses it (SQLite's multi-thread mode),
// and the workspace's schema check does not run every second beside the trainer's writes.
#include "core/store/run_store.h"
#include "core/store/workspace.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <limits>
#include <memory>

namespace avt::widgets::monitor {

constexpr qint64 kNoStep = std::numeric_limits<qint64>::min();
// More new bytes than this in a log since the last poll: show its tail instead of all of them.
constexpr qint64 kTailBytes = 256 * 1024;

// The store connection of one workspace; polls never overlap, so one thread uses it at a time.
struct Connection {
    std::unique_ptr<store::Workspace> ws;
};

// How far a (split, metric) series has been read.
struct SeriesMark {
    qint64 lastStep = kNoStep;
    qint64 points = 0;
};

inline QString seriesKey(const QString &split, const QString &name) { return split + QLatin1Char('/') + name; }

struct PollRequest {
    QString folder, run;
    std::shared_ptr<Connection> conn;
    qint64 runId = 0;                  // the run read so far (0: none yet)
    QHash<QString, SeriesMark> marks;  // by seriesKey()
    qint64 eventsOffset = 0;           // bytes of launch.jsonl consumed (complete lines)
    QHash<QString, qint64> logOffsets; // log file name -> bytes consumed (complete lines)
};

struct SeriesRows {
    QString split, name;
    bool reset = false;           // replaces everything read before (a resume truncated it)
    QList<store::MetricRow> rows; // ordered by step
};

struct LogChunk {
    QString file;
    bool reset = false; // the lines replace what is shown (a new, rewritten or fast-growing log)
    QStringList lines;
    qint64 offset = 0; // bytes consumed after these lines
};

// The latest progress event of each kind seen in launch.jsonl.
struct Events {
    QJsonObject start, step, checkpoint, finished;
    QString warning;
};

struct PollResult {
    QString error;        // why the run could not be read (its files may still have been)
    bool missing = false; // no run of that name (yet: a queued run is stored when it starts)
    bool haveRun = false;
    store::RunInfo info;
    QString status;        // effective status
    bool resetAll = false; // another run of that name than the one read so far
    QList<SeriesRows> series;
    bool eventsReset = false; // launch.jsonl was rewritten: forget the events seen
    qint64 eventsOffset = 0;
    Events events;
    QList<LogChunk> logs;
};

// Lines read of a log seen for the first time (or rewritten, or grown by more than kTailBytes).
constexpr int kLogTailLines = 200;
// The order of the log tabs: launch.log, then rank0.log, rank1.log, ..., rank10.log, then the
// others by name.
bool logBefore(const QString &a, const QString &b);
// Reads what changed since the marks and offsets of the request.
PollResult readPoll(const PollRequest &req);

} // namespace avt::widgets::monitor
