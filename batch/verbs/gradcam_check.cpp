// `gradcam-check`: do a run's Grad-CAM maps mean something (pointing against the boxes of
// DrumArt-10's pictures, randomisation against a randomly initialised model) and how long they take.
#include "batch/cam_options.h"
#include "batch/verb_parser.h"
#include "core/explain/gradcam_checks.h"
#include "core/store/workspace.h"
#include "core/train/run_model.h"
#include "core/train/train_setup.h"
#include "core/util/json_file.h"
#include "core/util/progress.h"

#include <torch/torch.h>

namespace avt::batch {

int runGradcamCheck(const QStringList &args)
{
    const QString verb = QStringLiteral("gradcam-check");
    VerbParser p(
        verb,
        QStringLiteral(
            "Checks that a run's Grad-CAM maps mean something, on a split of its dataset whose manifest records the\n"
            "picture's box per frame (DrumArt-10): pointing (share of video-map mass inside the box vs the box's\n"
            "share of the frame; goal >= 2x), randomisation (Spearman rank correlation of the maps of a randomly\n"
            "initialised model vs the trained one; goal < 0.5) and seconds per clip. --json FILE keeps per-clip "
            "figures."));
    p.addOption({QStringLiteral("run"), QStringLiteral("Run to check."), QStringLiteral("RUN")});
    addCamOptions(p);
    p.addOption({QStringLiteral("split"), QStringLiteral("Split to check (default: the run's evaluation split)."),
                 QStringLiteral("NAME")});
    p.addOption(
        {QStringLiteral("limit"), QStringLiteral("At most N clips."), QStringLiteral("N"), QStringLiteral("0")});
    p.addOption({QStringLiteral("manifest"),
                 QStringLiteral("manifest.json of the dataset (default: found next to the clips)."),
                 QStringLiteral("FILE")});
    p.addOption({QStringLiteral("seed"), QStringLiteral("Seed of the randomly initialised model."), QStringLiteral("S"),
                 QStringLiteral("7")});
    p.addOption({QStringLiteral("json"), QStringLiteral("Write the figures and per-clip results here."),
                 QStringLiteral("FILE")});
    p.addProgressOption();
    if (auto code = p.parse(args))
        return *code;
    if (!p.isSet(QStringLiteral("run")) || !p.isSet(QStringLiteral("workspace")))
        return p.usageError(QStringLiteral("--workspace DIR and --run RUN are required"));
    auto o = camOptions(p);
    if (!o)
        return ExitUsage;
    gradcam::CheckOptions co;
    co.explain = *o;
    co.manifest = p.value(QStringLiteral("manifest"));
    const auto limit = p.intValue(QStringLiteral("limit"), 0, 1 << 30);
    const auto seed = p.intValue(QStringLiteral("seed"), 0, 1 << 30);
    const auto mode = p.progressMode();
    if (!limit || !seed || !mode)
        return ExitUsage;
    co.limit = *limit;
    co.randomSeed = std::uint64_t(*seed);

    auto m = train::loadRunModel(p.value(QStringLiteral("workspace")), p.value(QStringLiteral("run")));
    if (!m)
        return p.fail(m.error());
    if (!p.value(QStringLiteral("class")).isEmpty())
        return p.usageError(QStringLiteral("--class: the checks explain each clip's predicted class"));
    auto ws = store::Workspace::open(m->workspace);
    if (!ws)
        return p.fail(ws.error());
    train::RunConfig cfg = m->config;
    if (p.isSet(QStringLiteral("split")))
        (void)cfg.set(QStringLiteral("run.eval_split"), p.value(QStringLiteral("split")));
    auto view = train::loadDatasetView(**ws, cfg);
    if (!view)
        return p.fail(view.error());
    Progress progress(QStringLiteral("gradcam-check"),
                      qint64(co.limit > 0 ? std::min<size_t>(size_t(co.limit), view->eval.size()) : view->eval.size()),
                      *mode);
    auto r = gradcam::runChecks(*m, view->eval, co, [&](int done, int total) {
        progress.setTotal(total);
        progress.update(done);
    });
    if (!r)
        return p.fail(r.error());
    progress.finish();
    printLine(QStringLiteral("run %1, split %2: %3 clips, %4 frames; layers %5%6; top-1 on these clips %7%")
                  .arg(m->run, cfg.text(QStringLiteral("run.eval_split")))
                  .arg(r->clips)
                  .arg(r->frames)
                  .arg(r->videoLayer)
                  .arg(r->audioLayer.isEmpty() ? QString() : QStringLiteral(", ") + r->audioLayer)
                  .arg(100.0 * r->accuracy, 0, 'f', 1));
    printLine(QStringLiteral("pointing: %1% of the map mass inside the box, box %2% of the frame: ratio %3 (goal >= 2: "
                             "%4); peak in box %5% of frames; "
                             "a randomly initialised model: ratio %6")
                  .arg(100.0 * r->massInBox, 0, 'f', 1)
                  .arg(100.0 * r->boxShare, 0, 'f', 1)
                  .arg(r->ratio, 0, 'f', 2)
                  .arg(r->ratio >= 2.0 ? QStringLiteral("met") : QStringLiteral("NOT met"))
                  .arg(100.0 * r->peakInBox, 0, 'f', 1)
                  .arg(r->randomRatio, 0, 'f', 2));
    printLine(
        QStringLiteral("pointing per clip: median ratio %1; %2% of the clips below 1 (map mostly outside the box)")
            .arg(r->medianClipRatio, 0, 'f', 2)
            .arg(100.0 * r->clipsBelowOne, 0, 'f', 1));
    printLine(QStringLiteral("randomisation: Spearman trained vs random video maps %1 (goal < 0.5: %2)%3")
                  .arg(r->spearmanVideo, 0, 'f', 3)
                  .arg(r->spearmanVideo < 0.5 ? QStringLiteral("met") : QStringLiteral("NOT met"))
                  .arg(r->audioLayer.isEmpty() ? QString()
                                               : QStringLiteral(", audio maps %1").arg(r->spearmanAudio, 0, 'f', 3)));
    printLine(QStringLiteral("time: %1 s per clip on average, %2 s at most (forward + backward + maps, %3 threads)")
                  .arg(r->secondsMean, 0, 'f', 3)
                  .arg(r->secondsMax, 0, 'f', 3)
                  .arg(at::get_num_threads()));
    if (p.isSet(QStringLiteral("json"))) {
        QJsonObject o2{{QStringLiteral("run"), m->run},
                       {QStringLiteral("clips"), r->clips},
                       {QStringLiteral("frames"), r->frames},
                       {QStringLiteral("video_layer"), r->videoLayer},
                       {QStringLiteral("audio_layer"), r->audioLayer},
                       {QStringLiteral("mass_in_box"), r->massInBox},
                       {QStringLiteral("box_share"), r->boxShare},
                       {QStringLiteral("ratio"), r->ratio},
                       {QStringLiteral("peak_in_box"), r->peakInBox},
                       {QStringLiteral("random_ratio"), r->randomRatio},
                       {QStringLiteral("median_clip_ratio"), r->medianClipRatio},
                       {QStringLiteral("clips_below_one"), r->clipsBelowOne},
                       {QStringLiteral("spearman_video"), r->spearmanVideo},
                       {QStringLiteral("spearman_audio"), r->spearmanAudio},
                       {QStringLiteral("seconds_mean"), r->secondsMean},
                       {QStringLiteral("seconds_max"), r->secondsMax},
                       {QStringLiteral("top1"), r->accuracy},
                       {QStringLiteral("per_clip"), r->perClip}};
        if (auto st = writeJsonFile(p.value(QStringLiteral("json")), o2); !st)
            return p.fail(st.error());
    }
    return ExitOk;
}

} // namespace avt::batch
