#include "core/store/dataset_store.h"

#include "core/store/database.h"

#include <QDateTime>
#include <QHash>

namespace avt::store {

namespace {
QString now() { return QDateTime::currentDateTimeUtc().toString(Qt::ISODate); }

Error sqlError(const QString &what, const QString &message)
{
    return makeError(QStringLiteral("sql"), QStringLiteral("%1: %2").arg(what, message));
}

QVariant optionalDouble(double v) { return v < 0 ? QVariant() : QVariant(v); }
QVariant optionalInt(int v) { return v < 0 ? QVariant() : QVariant(v); }
} // namespace

Result<qint64> upsertDataset(Database &db, const DatasetInfo &info)
{
    Statement q = db.prepare(
        QStringLiteral("INSERT INTO datasets (name, format, annotation_path, media_root, created_at, updated_at) "
                       "VALUES (?1, ?2, ?3, ?4, ?5, ?5) ON CONFLICT(name) DO UPDATE SET format = excluded.format, "
                       "annotation_path = excluded.annotation_path, media_root = excluded.media_root, "
                       "updated_at = excluded.updated_at"));
    if (!q.isValid())
        return sqlError(QStringLiteral("storing dataset %1").arg(info.name), db.lastError());
    q.bind(1, info.name).bind(2, info.format).bind(3, info.annotationPath).bind(4, info.mediaRoot).bind(5, now());
    if (auto st = q.exec(); !st)
        return st.error();
    auto found = findDataset(db, info.name);
    if (!found)
        return found.error();
    return found->id;
}

Result<QList<DatasetInfo>> listDatasets(Database &db)
{
    Statement q =
        db.prepare(QStringLiteral("SELECT id, name, format, annotation_path, media_root FROM datasets ORDER BY name"));
    if (!q.isValid())
        return sqlError(QStringLiteral("listing datasets"), db.lastError());
    QList<DatasetInfo> out;
    while (q.step())
        out.append({q.columnInt64(0), q.columnText(1), q.columnText(2), q.columnText(3), q.columnText(4)});
    if (!q.error().isEmpty())
        return sqlError(QStringLiteral("listing datasets"), q.error());
    return out;
}

Result<DatasetInfo> findDataset(Database &db, const QString &name)
{
    auto all = listDatasets(db);
    if (!all)
        return all.error();
    for (const DatasetInfo &d : *all)
        if (d.name == name)
            return d;
    return makeError(QStringLiteral("missing"), QStringLiteral("no dataset named '%1' in %2").arg(name, db.path()));
}

Result<DatasetInfo> clipDataset(Database &db, qint64 clipId)
{
    Statement q = db.prepare(QStringLiteral("SELECT dataset_id FROM clips WHERE id = ?1"));
    if (!q.isValid())
        return makeError(QStringLiteral("store"),
                         QStringLiteral("finding clip %1: %2").arg(clipId).arg(db.lastError()));
    q.bind(1, clipId);
    if (!q.step())
        return makeError(QStringLiteral("missing"),
                         QStringLiteral("no clip with id %1 in %2").arg(clipId).arg(db.path()));
    const qint64 datasetId = q.columnInt64(0);
    auto all = listDatasets(db);
    if (!all)
        return all.error();
    for (const DatasetInfo &d : *all)
        if (d.id == datasetId)
            return d;
    return makeError(QStringLiteral("missing"),
                     QStringLiteral("clip %1: dataset %2 is gone").arg(clipId).arg(datasetId));
}

Status upsertClips(Database &db, qint64 datasetId, QList<data::Clip> &clips)
{
    return db.transaction([&]() -> Status {
        Statement ins = db.prepare(QStringLiteral(
            "INSERT INTO clips (dataset_id, clip_key, path, split, start_s, end_s, duration_s, has_video, "
            "has_audio, width, height, fps, variable_fps, audio_rate, audio_channels, problems, "
            "problem_detail, source_line, probed_at) VALUES "
            "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19) "
            "ON CONFLICT(dataset_id, clip_key) DO UPDATE SET path = excluded.path, split = excluded.split, "
            "start_s = excluded.start_s, end_s = excluded.end_s, duration_s = excluded.duration_s, "
            "has_video = excluded.has_video, has_audio = excluded.has_audio, width = excluded.width, "
            "height = excluded.height, fps = excluded.fps, variable_fps = excluded.variable_fps, "
            "audio_rate = excluded.audio_rate, audio_channels = excluded.audio_channels, "
            "problems = excluded.problems, problem_detail = excluded.problem_detail, "
            "source_line = excluded.source_line, probed_at = excluded.probed_at RETURNING id"));
        Statement delLabels = db.prepare(QStringLiteral("DELETE FROM clip_labels WHERE clip_id = ?1"));
        Statement insLabel = db.prepare(
            QStringLiteral("INSERT INTO clip_labels (clip_id, head, label, class_index) VALUES (?1, ?2, ?3, ?4)"));
        if (!ins.isValid() || !delLabels.isValid() || !insLabel.isValid())
            return sqlError(QStringLiteral("storing clips"), db.lastError());
        const QString probedAt = now();
        for (data::Clip &c : clips) {
            const data::ClipFacts &f = c.facts;
            ins.bind(1, datasetId)
                .bind(2, c.key)
                .bind(3, c.path)
                .bind(4, c.split)
                .bind(5, optionalDouble(c.startS))
                .bind(6, optionalDouble(c.endS))
                .bind(7, f.probed ? optionalDouble(f.durationS) : QVariant())
                .bind(8, f.probed ? QVariant(int(f.hasVideo)) : QVariant())
                .bind(9, f.probed ? QVariant(int(f.hasAudio)) : QVariant())
                .bind(10, optionalInt(f.width))
                .bind(11, optionalInt(f.height))
                .bind(12, optionalDouble(f.fps))
                .bind(13, f.probed ? QVariant(int(f.variableFps)) : QVariant())
                .bind(14, optionalInt(f.audioRate))
                .bind(15, optionalInt(f.audioChannels))
                .bind(16, c.problems.join(QLatin1Char(',')))
                .bind(17, c.problemDetail)
                .bind(18, c.sourceLine)
                .bind(19, f.probed ? QVariant(probedAt) : QVariant());
            if (!ins.step())
                return sqlError(QStringLiteral("storing clip %1").arg(c.key), ins.error());
            c.id = ins.columnInt64(0);
            ins.reset();
            delLabels.bind(1, c.id);
            if (auto st = delLabels.exec(); !st)
                return st;
            for (const data::ClipLabel &l : c.labels) {
                insLabel.bind(1, c.id).bind(2, l.head).bind(3, l.label).bind(4, optionalInt(l.classIndex));
                if (auto st = insLabel.exec(); !st)
                    return sqlError(QStringLiteral("storing label of clip %1").arg(c.key), st.error().message);
            }
        }
        return Ok{};
    });
}

namespace {

// Clips (with labels) whose column `column` of table clips equals value, ordered by id.
Result<QList<data::Clip>> loadClipsWhere(Database &db, const QString &column, qint64 value)
{
    Statement q = db.prepare(
        QStringLiteral("SELECT id, clip_key, path, split, start_s, end_s, duration_s, has_video, has_audio, width, "
                       "height, fps, variable_fps, audio_rate, audio_channels, problems, problem_detail, source_line, "
                       "probed_at FROM clips c WHERE c.%1 = ?1 ORDER BY id")
            .arg(column));
    Statement labels = db.prepare(
        QStringLiteral("SELECT l.clip_id, l.head, l.label, l.class_index FROM clip_labels l JOIN clips c ON c.id = "
                       "l.clip_id WHERE c.%1 = ?1 ORDER BY l.clip_id, l.head")
            .arg(column));
    if (!q.isValid() || !labels.isValid())
        return sqlError(QStringLiteral("loading clips"), db.lastError());
    q.bind(1, value);
    QList<data::Clip> out;
    QHash<qint64, qsizetype> index;
    while (q.step()) {
        data::Clip c;
        c.id = q.columnInt64(0);
        c.key = q.columnText(1);
        c.path = q.columnText(2);
        c.split = q.columnText(3);
        c.startS = q.columnIsNull(4) ? -1 : q.columnDouble(4);
        c.endS = q.columnIsNull(5) ? -1 : q.columnDouble(5);
        data::ClipFacts &f = c.facts;
        f.probed = !q.columnIsNull(18);
        f.durationS = q.columnIsNull(6) ? -1 : q.columnDouble(6);
        f.hasVideo = q.columnInt64(7) != 0;
        f.hasAudio = q.columnInt64(8) != 0;
        f.width = q.columnIsNull(9) ? -1 : int(q.columnInt64(9));
        f.height = q.columnIsNull(10) ? -1 : int(q.columnInt64(10));
        f.fps = q.columnIsNull(11) ? -1 : q.columnDouble(11);
        f.variableFps = q.columnInt64(12) != 0;
        f.audioRate = q.columnIsNull(13) ? -1 : int(q.columnInt64(13));
        f.audioChannels = q.columnIsNull(14) ? -1 : int(q.columnInt64(14));
        const QString problems = q.columnText(15);
        if (!problems.isEmpty())
            c.problems = problems.split(QLatin1Char(','));
        c.problemDetail = q.columnText(16);
        c.sourceLine = int(q.columnInt64(17));
        index.insert(c.id, out.size());
        out.append(std::move(c));
    }
    if (!q.error().isEmpty())
        return sqlError(QStringLiteral("loading clips"), q.error());
    labels.bind(1, value);
    while (labels.step()) {
        const auto it = index.constFind(labels.columnInt64(0));
        if (it == index.constEnd())
            continue;
        out[*it].labels.append(
            {labels.columnText(1), labels.columnText(2), labels.columnIsNull(3) ? -1 : int(labels.columnInt64(3))});
    }
    return out;
}

} // namespace

Result<QList<data::Clip>> loadClips(Database &db, qint64 datasetId)
{
    return loadClipsWhere(db, QStringLiteral("dataset_id"), datasetId);
}

Result<data::Clip> loadClip(Database &db, qint64 clipId)
{
    auto clips = loadClipsWhere(db, QStringLiteral("id"), clipId);
    if (!clips)
        return clips.error();
    if (clips->isEmpty())
        return makeError(QStringLiteral("missing"),
                         QStringLiteral("no clip with id %1 in %2").arg(clipId).arg(db.path()));
    return clips->first();
}

Result<DatasetCounts> countClips(Database &db, qint64 datasetId)
{
    auto clips = loadClips(db, datasetId);
    if (!clips)
        return clips.error();
    DatasetCounts counts;
    for (const data::Clip &c : *clips) {
        ++counts.total;
        if (c.usable())
            ++counts.usable;
        counts.perSplit[c.split.isEmpty() ? QStringLiteral("(none)") : c.split]++;
        for (const QString &p : c.problems)
            counts.perProblem[p]++;
    }
    return counts;
}

} // namespace avt::store
