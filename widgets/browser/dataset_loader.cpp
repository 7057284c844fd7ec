#include "widgets/browser/dataset_loader.h"

#include "core/store/workspace.h"
#include "widgets/common/background.h"

#include <QtConcurrent>

namespace avt::widgets {

namespace {

Result<QList<store::DatasetInfo>> readDatasets(const QString &folder)
{
    if (!store::Workspace::exists(folder))
        return makeError(QStringLiteral("missing"), QObject::tr("%1: no workspace here").arg(folder));
    auto ws = store::Workspace::open(folder);
    if (!ws)
        return ws.error();
    return store::listDatasets((*ws)->db());
}

Result<DatasetClips> readClips(const QString &folder, const QString &name)
{
    auto ws = store::Workspace::open(folder);
    if (!ws)
        return ws.error();
    auto info = store::findDataset((*ws)->db(), name);
    if (!info)
        return info.error();
    auto clips = store::loadClips((*ws)->db(), info->id);
    if (!clips)
        return clips.error();
    return DatasetClips{*info, std::move(*clips)};
}

} // namespace

QFuture<DatasetListResult> loadDatasetList(const QString &workspaceFolder)
{
    return runInBackground([workspaceFolder] {
        return DatasetListResult(
            std::make_shared<const Result<QList<store::DatasetInfo>>>(readDatasets(workspaceFolder)));
    });
}

QFuture<DatasetClipsResult> loadDatasetClips(const QString &workspaceFolder, const QString &dataset)
{
    return runInBackground([workspaceFolder, dataset] {
        return std::make_shared<Result<DatasetClips>>(readClips(workspaceFolder, dataset));
    });
}

} // namespace avt::widgets
