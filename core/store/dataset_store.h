#pragma once
// Datasets and their clips in the run store. All functions take the caller's connection and
// are as thread-safe as it is (one connection per thread).
#include "core/data/clip.h"
#include "core/util/result.h"

#include <QList>
#include <QMap>
#include <QString>

namespace avt::store {

class Database;

struct DatasetInfo {
    qint64 id = 0;
    QString name;           // unique in the workspace
    QString format;         // "csv", "vggsound", "kinetics-sounds", "epic-kitchens-100", "drumart"
    QString annotationPath; // absolute path of the annotation file imported
    QString mediaRoot;      // folder the clip paths are relative to
};

// Creates the dataset or updates its format/paths when the name exists; returns its id.
Result<qint64> upsertDataset(Database &db, const DatasetInfo &info);
Result<QList<DatasetInfo>> listDatasets(Database &db);
Result<DatasetInfo> findDataset(Database &db, const QString &name);
// The dataset a clip belongs to (error "missing" when no clip has that id).
Result<DatasetInfo> clipDataset(Database &db, qint64 clipId);

// Inserts or updates clips by (dataset, key) in one transaction, replacing their labels;
// importing the same annotation twice leaves the store as after one import. Sets Clip::id.
Status upsertClips(Database &db, qint64 datasetId, QList<data::Clip> &clips);

// All clips of a dataset, ordered by id, with labels.
Result<QList<data::Clip>> loadClips(Database &db, qint64 datasetId);
// One clip with its labels (error "missing" when no clip has that id).
Result<data::Clip> loadClip(Database &db, qint64 clipId);

// Counts for summaries: clips per split, per problem, and the number of usable clips.
struct DatasetCounts {
    int total = 0;
    int usable = 0;
    QMap<QString, int> perSplit;
    QMap<QString, int> perProblem;
};
Result<DatasetCounts> countClips(Database &db, qint64 datasetId);

} // namespace avt::store
