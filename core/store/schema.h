#pragma once
// The run store's schema: its version lives in SQLite's user_version, and each version has
// exactly one upgrade step. Opening an older store upgrades it in one transaction (all steps,
// once, also when several processes open it at the same moment); a store written by a newer
// program is refused untouched.
//
// Tables (v1):
//   datasets     one row per imported dataset (name, format, annotation file, media root)
//   clips        one row per clip: path, key, split, window, stream facts, problems
//   clip_labels  (clip, head, label, class index); head "class" for single-label data,
//                "verb"/"noun" for EPIC-KITCHENS
//   runs         name, resolved config (JSON), status, host, world size, times, checkpoints
//   metrics      (run, step, epoch, split, name, value, wall time)
//   predictions  per clip and view: top-k JSON and the logits as a float32 blob
//   artifacts    exports (Grad-CAM, segments) with paths relative to the workspace
// v2: runs.pid and runs.heartbeat_at (the process that runs it, and when it last said so), so a
// run is locked while it runs and a run whose process died shows as interrupted.
// v3: clip_caches and clip_cache_entries (prepared clip caches and their record index).
// v4: metric_summaries, one row per (run, split, metric name): points, last, min and max with
// their steps; a trigger on metrics keeps it, truncateMetrics() rebuilds a run's rows.
// metric_series: packed copies of whole curves (compare::loadCurve writes and checks them).
#include "core/util/result.h"

namespace avt::store {

class Database;

// The schema version this program writes.
constexpr int kSchemaVersion = 4;

// Brings the database to kSchemaVersion. Fails (changing nothing) on a newer version.
Status migrate(Database &db);
// Recomputes metric_summaries from metrics for one run (runId > 0) or all runs (0).
Status rebuildMetricSummaries(Database &db, qint64 runId);
// Reads the version stored in the database (0 for a new file).
Result<int> schemaVersion(Database &db);

} // namespace avt::store
