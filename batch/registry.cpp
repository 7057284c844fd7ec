#include "batch/registry.h"

namespace avt::batch {

// Verb entry points, one file each in batch/verbs/ (named after the verb, '-' as '_').
int runMakeDemoDataset(const QStringList &args);
int runImportDataset(const QStringList &args);
int runImportWeights(const QStringList &args);
int runFeatures(const QStringList &args);
int runFlops(const QStringList &args);
int runTrain(const QStringList &args);
int runEval(const QStringList &args);
int runAblate(const QStringList &args);
int runRuns(const QStringList &args);
int runEmbed(const QStringList &args);
int runGradcam(const QStringList &args);
int runGradcamCheck(const QStringList &args);
int runBench(const QStringList &args);
int runSegments(const QStringList &args);
int runPrepare(const QStringList &args);

const std::vector<Verb> &allVerbs()
{
    static const std::vector<Verb> verbs = {
        {QStringLiteral("make-demo-dataset"), QStringLiteral("Build the DrumArt-10 demo dataset from Debian packages"),
         runMakeDemoDataset},
        {QStringLiteral("import-dataset"),
         QStringLiteral("Import an annotation file (CSV, VGGSound, Kinetics-Sounds, EPIC-KITCHENS-100)"),
         runImportDataset},
        {QStringLiteral("import-weights"),
         QStringLiteral("Import official AST / UniFormer checkpoints into a model (a torch.save state dict)"), runImportWeights},
        {QStringLiteral("features"), QStringLiteral("Write the AST log-mel fbank of a media file as .npy"),
         runFeatures},
        {QStringLiteral("flops"), QStringLiteral("Parameters and GMACs per model part for a preset or config"),
         runFlops},
        {QStringLiteral("prepare"),
         QStringLiteral("Decode a dataset once into a prepared clip cache that training reads"), runPrepare},
        {QStringLiteral("train"), QStringLiteral("Train a model on a workspace dataset (one or many ranks)"), runTrain},
        {QStringLiteral("eval"), QStringLiteral("Evaluate a run with multi-view testing"), runEval},
        {QStringLiteral("ablate"), QStringLiteral("Run an ablation ladder (Table 4) and export the table"), runAblate},
        {QStringLiteral("runs"), QStringLiteral("List, show, compare and export runs"), runRuns},
        {QStringLiteral("embed"), QStringLiteral("Write model inputs and embeddings of media files as .npy"), runEmbed},
        {QStringLiteral("gradcam"), QStringLiteral("Grad-CAM heatmaps of runs on media: overlays, strip, MP4, JSON"),
         runGradcam},
        {QStringLiteral("gradcam-check"),
         QStringLiteral("Grad-CAM pointing and randomisation checks on a dataset split"), runGradcamCheck},
        {QStringLiteral("bench"), QStringLiteral("Speed: bench data (fbank, clip loading), see bench --help"),
         runBench},
        {QStringLiteral("segments"),
         QStringLiteral("Detect audio activity segments, choose a segment mask, write JSON + PNG"), runSegments},
    };
    return verbs;
}

const Verb *findVerb(const QString &name)
{
    for (const Verb &v : allVerbs())
        if (v.name == name)
            return &v;
    return nullptr;
}

} // namespace avt::batch
