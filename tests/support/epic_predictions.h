#pragma once
// A small two-head (EPIC-KITCHENS-like) evaluation in a workspace, for the tests of the
// comparison code and view: four validation clips with verb and noun labels and a run whose
// stored averaged predictions get the verb right on clips 0-2 and the noun right on clips 1-3,
// so verb top-1 is 75 %, noun top-1 75 % and action top-1 (both right) 50 %.
#include "core/data/clip.h"
#include "core/store/dataset_store.h"
#include "core/store/run_store.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace avt::test {

inline const QStringList kEpicVerbs{QStringLiteral("open"), QStringLiteral("close")};
inline const QStringList kEpicNouns{QStringLiteral("door"), QStringLiteral("tap"), QStringLiteral("pan")};

// Stores the dataset "epic", its clips and run `runName` (with `config`) and its predictions.
// Returns the run's id, or -1 when the store refused something.
inline qint64 addEpicRun(store::Database &db, const QString &runName, const QJsonObject &config)
{
    store::DatasetInfo ds;
    ds.name = QStringLiteral("epic");
    ds.format = QStringLiteral("epic-kitchens-100");
    ds.annotationPath = QStringLiteral("/a.csv");
    ds.mediaRoot = QStringLiteral("/m");
    auto dsId = store::upsertDataset(db, ds);
    if (!dsId)
        return -1;
    // Verb truth 0, 1, 0, 1; noun truth 2, 2, 0, 1.
    const int verbs[] = {0, 1, 0, 1}, nouns[] = {2, 2, 0, 1};
    QList<data::Clip> clips;
    for (int i = 0; i < 4; ++i) {
        data::Clip c;
        c.key = QStringLiteral("P01_%1").arg(i);
        c.path = c.key + QStringLiteral(".mp4");
        c.split = QStringLiteral("validation");
        c.labels = {{QStringLiteral("verb"), kEpicVerbs[verbs[i]], verbs[i]},
                    {QStringLiteral("noun"), kEpicNouns[nouns[i]], nouns[i]}};
        clips.append(c);
    }
    if (!store::upsertClips(db, *dsId, clips))
        return -1;
    store::RunInfo info;
    info.name = runName;
    info.datasetId = *dsId;
    info.status = QStringLiteral("finished");
    info.config = config;
    auto id = store::createRun(db, info);
    if (!id)
        return -1;
    const int verbPick[] = {0, 1, 0, 0}, nounPick[] = {0, 2, 0, 1};
    QList<store::PredictionRow> rows;
    for (int i = 0; i < 4; ++i) {
        rows.append({clips[i].id, -1, QStringLiteral("class"), QStringLiteral("[[%1,0.9]]").arg(verbPick[i]), {}});
        rows.append({clips[i].id, -1, QStringLiteral("noun"), QStringLiteral("[[%1,0.9]]").arg(nounPick[i]), {}});
    }
    if (!store::replacePredictions(db, *id, rows))
        return -1;
    return *id;
}

} // namespace avt::test
