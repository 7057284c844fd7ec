#pragma once
// Reads a workspace's datasets and a dataset's clips on a worker thread (own store connection
// per call), for the browser. Both return futures; the caller takes the result with
// whenFinished(this, ...) (common/background.h) so that nothing arrives after it is gone.
#include "core/data/clip.h"
#include "core/store/dataset_store.h"
#include "core/util/result.h"

#include <QFuture>

#include <memory>

namespace avt::widgets {

struct DatasetClips {
    store::DatasetInfo dataset;
    QList<data::Clip> clips;
};

using DatasetListResult = std::shared_ptr<const Result<QList<store::DatasetInfo>>>;
using DatasetClipsResult = std::shared_ptr<Result<DatasetClips>>;

QFuture<DatasetListResult> loadDatasetList(const QString &workspaceFolder);
QFuture<DatasetClipsResult> loadDatasetClips(const QString &workspaceFolder, const QString &dataset);

} // namespace avt::widgets
