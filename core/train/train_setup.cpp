#include "core/train/train_setup.h"

#include "core/data/clip.h"
#include "core/store/dataset_store.h"
#include "core/store/workspace.h"

#include <QMap>

namespace avt::train {

Result<DatasetView> loadDatasetView(store::Workspace &workspace, RunConfig &config)
{
    const QString name = config.text(QStringLiteral("run.dataset"));
    if (name.isEmpty())
        return makeError(QStringLiteral("config"),
                         QStringLiteral("run.dataset: no dataset given (use --dataset NAME)"));
    auto ds = store::findDataset(workspace.db(), name);
    if (!ds)
        return ds.error();
    auto clips = store::loadClips(workspace.db(), ds->id);
    if (!clips)
        return clips.error();
    DatasetView view;
    view.name = name;
    view.datasetId = ds->id;
    view.format = ds->format;
    auto all = loader::itemsFromClips(*clips, ds->mediaRoot);
    if (!all)
        return all.error();
    auto train = loader::itemsFromClips(*clips, ds->mediaRoot, config.text(QStringLiteral("run.train_split")));
    auto eval = loader::itemsFromClips(*clips, ds->mediaRoot, config.text(QStringLiteral("run.eval_split")));
    if (!train)
        return train.error();
    if (!eval)
        return eval.error();
    view.train = std::move(*train);
    view.eval = std::move(*eval);
    for (const loader::LoaderItem &it : *all) {
        view.classes = std::max(view.classes, it.label + 1);
        view.nounClasses = std::max(view.nounClasses, it.nounLabel + 1);
    }
    if (view.classes < 2)
        return makeError(QStringLiteral("data"),
                         QStringLiteral("dataset '%1' has fewer than 2 classes among its usable clips").arg(name));
    QMap<int, QString> names;
    const QString head = view.nounClasses > 0 ? QStringLiteral("verb") : QStringLiteral("class");
    for (const data::Clip &c : *clips)
        for (const data::ClipLabel &l : c.labels)
            if (l.head == head && l.classIndex >= 0)
                names.insert(l.classIndex, l.label);
    for (int i = 0; i < view.classes; ++i)
        view.classNames.append(names.value(i, QString::number(i)));
    config.model().head.classes = view.classes;
    config.model().head.nounClasses = view.nounClasses;
    return view;
}

loader::LoaderOptions loaderOptions(const RunConfig &c, loader::LoaderMode mode, int rank, int worldSize)
{
    loader::LoaderOptions o;
    o.mode = mode;
    o.batchSize = int(c.integer(QStringLiteral("optim.batch")));
    o.numWorkers = int(c.integer(QStringLiteral("data.workers")));
    o.prefetchBatches = int(c.integer(QStringLiteral("data.prefetch")));
    o.seed = quint64(c.integer(QStringLiteral("run.seed")));
    o.rank = rank;
    o.worldSize = worldSize;
    o.clipSeconds = c.real(QStringLiteral("data.clip_seconds"));
    o.temporalViews = int(c.integer(QStringLiteral("data.eval_temporal_views")));
    o.spatialViews = int(c.integer(QStringLiteral("data.eval_spatial_views")));
    const bool augment = c.flag(QStringLiteral("data.augment"));
    o.augment.randomResizedCrop = augment;
    o.augment.scaleMax = c.real(QStringLiteral("data.scale_max"));
    o.augment.horizontalFlip = augment && c.flag(QStringLiteral("data.flip"));
    o.augment.specAugment =
        augment && (c.integer(QStringLiteral("data.freq_mask")) > 0 || c.integer(QStringLiteral("data.time_mask")) > 0);
    o.augment.freqMask = int(c.integer(QStringLiteral("data.freq_mask")));
    o.augment.timeMask = int(c.integer(QStringLiteral("data.time_mask")));
    o.augment.mixupAlpha = augment ? c.real(QStringLiteral("data.mixup")) : 0.0;
    const QString am = c.text(QStringLiteral("masking.audio")), vm = c.text(QStringLiteral("masking.video"));
    o.masking.audio = am == QLatin1String("segment")  ? loader::AudioMasking::Segment
                      : am == QLatin1String("random") ? loader::AudioMasking::Random
                                                      : loader::AudioMasking::None;
    o.masking.video = vm == QLatin1String("tube")     ? loader::VideoMasking::Tube
                      : vm == QLatin1String("random") ? loader::VideoMasking::Random
                                                      : loader::VideoMasking::None;
    o.masking.audioProbability = o.masking.videoProbability = c.real(QStringLiteral("masking.probability"));
    o.masking.seed = quint64(c.integer(QStringLiteral("run.seed")));
    o.masking.detector = c.detector();
    if (mode == loader::LoaderMode::Eval) {
        // Evaluation never masks (the paper's inference is unmasked).
        o.masking.audio = loader::AudioMasking::None;
        o.masking.video = loader::VideoMasking::None;
    }
    o.audioMean = c.real(QStringLiteral("data.audio_mean"));
    o.audioStd = c.real(QStringLiteral("data.audio_std"));
    o.cacheMiB = int(c.integer(QStringLiteral("data.cache_mib")));
    o.decodeThreads = int(c.integer(QStringLiteral("data.decode_threads")));
    return o;
}

} // namespace avt::train
