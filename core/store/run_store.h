#pragma once
// Runs, their metrics, predictions and artifacts in the run store. Rank 0 of a training
// process writes; the GUI and `runs` verbs read through their own connections.
#include "core/util/result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace avt::store {

class Database;

struct RunInfo {
    qint64 id = 0;
    QString name;
    qint64 datasetId = 0; // 0 when none
    QJsonObject config;   // the resolved run config
    QString status;       // "created", "running", "stopped", "failed", "finished"
    QString host;
    int worldSize = 1;
    QString version;
    QString startedAt, endedAt;
    QString lastCheckpoint; // relative to the workspace
    QString bestCheckpoint;
    QString message;     // why it stopped / failed
    qint64 pid = 0;      // the process running it (rank 0), 0 when none was recorded
    QString heartbeatAt; // UTC, ISO 8601: when that process last recorded it was alive
};

// A run's status as people should see it: "interrupted" for a run stored as running whose
// process is gone (same host: no process with its pid; another host: no heartbeat for
// kStaleHeartbeatSeconds), otherwise the stored status.
constexpr int kStaleHeartbeatSeconds = 15 * 60;
QString effectiveStatus(const RunInfo &run);
// Whether the process recorded for a running run is still there (as effectiveStatus decides).
bool runProcessAlive(const RunInfo &run);
// This machine's host name, as runs record it.
QString hostName();

struct MetricRow {
    qint64 step = 0;
    int epoch = 0;
    QString split; // "train", "test", ...
    QString name;  // "loss", "loss.avc", "top1", "lr", "data_wait", ...
    double value = 0;
    double wallTime = 0; // seconds since the run started
};

struct PredictionRow {
    qint64 clipId = 0;
    int view = -1; // -1: the views averaged
    QString head = QStringLiteral("class");
    QString topk;      // JSON: [[class, score], ...]
    QByteArray logits; // float32 little-endian
};

// Creates a run (name must be new) and returns its id.
Result<qint64> createRun(Database &db, const RunInfo &info);
Status updateRunStatus(Database &db, qint64 runId, const QString &status, const QString &message = QString());
Status updateRunCheckpoints(Database &db, qint64 runId, const QString &last, const QString &best);
// Takes a run for this process (status running, pid, host, heartbeat), atomically: refused with
// a message naming the pid, host and last heartbeat while another live process holds it.
Status claimRun(Database &db, const QString &name, qint64 pid, const QString &host);
// Records that the run's process is alive (now).
Status touchRun(Database &db, qint64 runId);
Result<RunInfo> findRun(Database &db, const QString &name);
Result<QList<RunInfo>> listRuns(Database &db);

// Deletes a run's metrics recorded after `step` (a resumed run replays from its checkpoint).
Status truncateMetrics(Database &db, qint64 runId, qint64 step);
Status insertMetrics(Database &db, qint64 runId, const QList<MetricRow> &rows);
// Metrics of a run, optionally only one name / split, ordered by step.
Result<QList<MetricRow>> loadMetrics(Database &db, qint64 runId, const QString &name = QString(),
                                     const QString &split = QString());
// The last value of each (split, name) of a run.
Result<QList<MetricRow>> finalMetrics(Database &db, qint64 runId);

Status replacePredictions(Database &db, qint64 runId, const QList<PredictionRow> &rows);
Result<QList<PredictionRow>> loadPredictions(Database &db, qint64 runId);

Result<qint64> addArtifact(Database &db, qint64 runId, qint64 clipId, const QString &kind, const QString &path,
                           const QJsonObject &meta);
struct ArtifactInfo {
    qint64 id = 0;
    qint64 runId = 0, clipId = 0; // 0 when none
    QString kind, path, createdAt;
    QJsonObject meta;
};
// The newest artifact of this kind stored at path (relative to the workspace), id 0 when none.
Result<ArtifactInfo> findArtifact(Database &db, const QString &kind, const QString &path);

} // namespace avt::store
