#include "core/store/schema.h"

#include "core/store/database.h"

#include <array>

namespace avt::store {

namespace {

// Upgrade step from version i to i+1 is kSteps[i].
constexpr std::array<const char *, kSchemaVersion> kSteps = {
    // 0 -> 1: the initial schema.
    R"sql(
CREATE TABLE datasets (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  format TEXT NOT NULL,
  annotation_path TEXT NOT NULL,
  media_root TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE clips (
  id INTEGER PRIMARY KEY,
  dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
  clip_key TEXT NOT NULL,
  path TEXT NOT NULL,
  split TEXT NOT NULL DEFAULT '',
  start_s REAL,
  end_s REAL,
  duration_s REAL,
  has_video INTEGER,
  has_audio INTEGER,
  width INTEGER,
  height INTEGER,
  fps REAL,
  variable_fps INTEGER,
  audio_rate INTEGER,
  audio_channels INTEGER,
  problems TEXT NOT NULL DEFAULT '',
  problem_detail TEXT NOT NULL DEFAULT '',
  source_line INTEGER,
  probed_at TEXT,
  UNIQUE (dataset_id, clip_key)
);
CREATE INDEX clips_by_split ON clips(dataset_id, split);
CREATE TABLE clip_labels (
  clip_id INTEGER NOT NULL REFERENCES clips(id) ON DELETE CASCADE,
  head TEXT NOT NULL,
  label TEXT NOT NULL,
  class_index INTEGER,
  PRIMARY KEY (clip_id, head)
);
CREATE INDEX labels_by_label ON clip_labels(head, label);
CREATE TABLE runs (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  dataset_id INTEGER REFERENCES datasets(id) ON DELETE SET NULL,
  config TEXT NOT NULL,
  status TEXT NOT NULL,
  host TEXT,
  world_size INTEGER NOT NULL DEFAULT 1,
  version TEXT,
  started_at TEXT,
  ended_at TEXT,
  last_checkpoint TEXT,
  best_checkpoint TEXT,
  message TEXT
);
CREATE TABLE metrics (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  step INTEGER NOT NULL,
  epoch INTEGER,
  split TEXT NOT NULL,
  name TEXT NOT NULL,
  value REAL NOT NULL,
  wall_time REAL NOT NULL
);
CREATE INDEX metrics_by_run ON metrics(run_id, name, step);
CREATE TABLE predictions (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  clip_id INTEGER NOT NULL REFERENCES clips(id) ON DELETE CASCADE,
  view INTEGER NOT NULL,
  head TEXT NOT NULL DEFAULT 'class',
  topk TEXT NOT NULL,
  logits BLOB,
  PRIMARY KEY (run_id, clip_id, view, head)
);
CREATE TABLE artifacts (
  id INTEGER PRIMARY KEY,
  run_id INTEGER REFERENCES runs(id) ON DELETE CASCADE,
  clip_id INTEGER REFERENCES clips(id) ON DELETE SET NULL,
  kind TEXT NOT NULL,
  path TEXT NOT NULL,
  meta TEXT,
  created_at TEXT NOT NULL
);
)sql",
    // 1 -> 2: the process of a running run, for its lock and for telling interrupted runs apart.
    R"sql(
ALTER TABLE runs ADD COLUMN pid INTEGER;
ALTER TABLE runs ADD COLUMN heartbeat_at TEXT;
)sql",
    // 2 -> 3: prepared clip caches (decoded windows in a packed file) and their record index.
    R"sql(
CREATE TABLE clip_caches (
  id INTEGER PRIMARY KEY,
  dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
  spec_hash TEXT NOT NULL,
  spec TEXT NOT NULL,
  folder TEXT NOT NULL,
  status TEXT NOT NULL,
  planned INTEGER NOT NULL DEFAULT 0,
  entries INTEGER NOT NULL DEFAULT 0,
  bytes INTEGER NOT NULL DEFAULT 0,
  message TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (dataset_id, spec_hash)
);
CREATE TABLE clip_cache_entries (
  cache_id INTEGER NOT NULL REFERENCES clip_caches(id) ON DELETE CASCADE,
  key TEXT NOT NULL,
  offset INTEGER NOT NULL,
  bytes INTEGER NOT NULL,
  crc INTEGER NOT NULL,
  PRIMARY KEY (cache_id, key)
) WITHOUT ROWID;
)sql",
    // 3 -> 4: a summary row per (run, split, metric) kept by a trigger (count, last, min, max and
    // their steps), so run tables and comparisons of thousands of runs read it instead of
    // scanning the metrics; filled from the metrics already stored. metric_series: a packed
    // copy of one metric's points, written by the first reader and used while its points and
    // last step still match the summary (curves then load as one blob, not 10,000 rows).
    R"sql(
CREATE TABLE metric_summaries (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  split TEXT NOT NULL,
  name TEXT NOT NULL,
  points INTEGER NOT NULL,
  last_step INTEGER NOT NULL,
  last_epoch INTEGER,
  last_value REAL,
  last_wall REAL,
  min_value REAL,
  min_step INTEGER,
  max_value REAL,
  max_step INTEGER,
  PRIMARY KEY (run_id, split, name)
) WITHOUT ROWID;
CREATE TRIGGER metrics_summarise AFTER INSERT ON metrics BEGIN
  INSERT INTO metric_summaries (run_id, split, name, points, last_step, last_epoch, last_value, last_wall,
                                min_value, min_step, max_value, max_step)
  VALUES (NEW.run_id, NEW.split, NEW.name, 1, NEW.step, NEW.epoch, NEW.value, NEW.wall_time,
          NEW.value, NEW.step, NEW.value, NEW.step)
  ON CONFLICT (run_id, split, name) DO UPDATE SET
    points = points + 1,
    last_epoch = CASE WHEN excluded.last_step >= last_step THEN excluded.last_epoch ELSE last_epoch END,
    last_value = CASE WHEN excluded.last_step >= last_step THEN excluded.last_value ELSE last_value END,
    last_wall = CASE WHEN excluded.last_step >= last_step THEN excluded.last_wall ELSE last_wall END,
    last_step = MAX(last_step, excluded.last_step),
    min_step = CASE WHEN excluded.min_value < min_value THEN excluded.min_step ELSE min_step END,
    min_value = MIN(min_value, excluded.min_value),
    max_step = CASE WHEN excluded.max_value > max_value THEN excluded.max_step ELSE max_step END,
    max_value = MAX(max_value, excluded.max_value);
END;
CREATE TABLE metric_series (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  split TEXT NOT NULL,
  name TEXT NOT NULL,
  points INTEGER NOT NULL,
  last_step INTEGER NOT NULL,
  data BLOB NOT NULL,
  UNIQUE (run_id, split, name)
);
)sql",
};

} // namespace

Status rebuildMetricSummaries(Database &db, qint64 runId)
{
    // Ties keep the earliest step, as the trigger does when metrics arrive in step order.
    const QString where = runId > 0 ? QStringLiteral("run_id = %1").arg(runId) : QStringLiteral("1");
    const QString same = QStringLiteral(
        "m.run_id = metric_summaries.run_id AND m.name = metric_summaries.name AND m.split = metric_summaries.split");
    return db.execScript(
        QStringLiteral(
            "DELETE FROM metric_summaries WHERE %1;"
            "INSERT INTO metric_summaries (run_id, split, name, points, last_step, min_value, max_value) "
            "SELECT run_id, split, name, COUNT(*), MAX(step), MIN(value), MAX(value) FROM metrics WHERE %1 "
            "GROUP BY run_id, split, name;"
            "UPDATE metric_summaries SET "
            "last_epoch = (SELECT epoch FROM metrics m WHERE %2 ORDER BY m.step DESC, m.rowid DESC LIMIT 1), "
            "last_value = (SELECT value FROM metrics m WHERE %2 ORDER BY m.step DESC, m.rowid DESC LIMIT 1), "
            "last_wall = (SELECT wall_time FROM metrics m WHERE %2 ORDER BY m.step DESC, m.rowid DESC LIMIT 1), "
            "min_step = (SELECT step FROM metrics m WHERE %2 AND m.value = metric_summaries.min_value "
            "ORDER BY m.step LIMIT 1), "
            "max_step = (SELECT step FROM metrics m WHERE %2 AND m.value = metric_summaries.max_value "
            "ORDER BY m.step LIMIT 1) WHERE %1;")
            .arg(where, same));
}

Result<int> schemaVersion(Database &db)
{
    Statement q = db.prepare(QStringLiteral("PRAGMA user_version"));
    if (!q.isValid() || !q.step())
        return makeError(QStringLiteral("sql"),
                         QStringLiteral("cannot read schema version of %1: %2").arg(db.path(), db.lastError()));
    return int(q.columnInt64(0));
}

Status migrate(Database &db)
{
    // The version is read inside the write transaction (BEGIN IMMEDIATE), so two processes that
    // open or create the same workspace at once upgrade it once: the second waits for the first
    // (busy timeout) and then finds it done.
    return db.transaction([&]() -> Status {
        auto version = schemaVersion(db);
        if (!version)
            return version.error();
        if (*version > kSchemaVersion)
            return makeError(QStringLiteral("version"),
                             QStringLiteral("%1 has schema version %2, newer than this program's %3; "
                                            "upgrade AVT Workbench to open it")
                                 .arg(db.path())
                                 .arg(*version)
                                 .arg(kSchemaVersion));
        if (*version == kSchemaVersion)
            return Ok{};
        for (int v = *version; v < kSchemaVersion; ++v)
            if (auto s = db.execScript(QString::fromUtf8(kSteps[size_t(v)])); !s)
                return makeError(QStringLiteral("sql"), QStringLiteral("upgrade of %1 to schema %2 failed: %3")
                                                            .arg(db.path())
                                                            .arg(v + 1)
                                                            .arg(s.error().message));
        if (*version < 4)
            if (auto s = rebuildMetricSummaries(db, 0); !s)
                return s;
        return db.execScript(QStringLiteral("PRAGMA user_version = %1").arg(kSchemaVersion));
    });
}

} // namespace avt::store
