#pragma once
// From a workspace and a run config to what training and evaluation need: the dataset's
// clips as loader items per split, the class counts (which size the model's heads), and the
// loader options the config asks for.
#include "core/loader/loader_types.h"
#include "core/train/run_config.h"
#include "core/util/result.h"

#include <QStringList>
#include <vector>

namespace avt::store {
class Workspace;
}

namespace avt::train {

struct DatasetView {
    QString name;
    qint64 datasetId = 0;
    QString format;
    std::vector<loader::LoaderItem> train;
    std::vector<loader::LoaderItem> eval;
    int classes = 0;        // main head (EPIC: verbs)
    int nounClasses = 0;    // EPIC nouns, else 0
    QStringList classNames; // index -> name of the main head
};

// Loads run.dataset from the workspace, splits by run.train_split / run.eval_split, and sizes
// the heads from the labels found (the config's model.head.classes is set to match).
Result<DatasetView> loadDatasetView(store::Workspace &workspace, RunConfig &config);

// LoaderOptions for training (mode Train) or evaluation (mode Eval) on this rank.
loader::LoaderOptions loaderOptions(const RunConfig &config, loader::LoaderMode mode, int rank, int worldSize);

} // namespace avt::train
