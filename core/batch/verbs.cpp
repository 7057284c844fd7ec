#include "core/batch/verbs.h"

namespace avt::batch {

// Verb entry points, defined in their areas.
int runImportDataset(const QStringList &args);  // core/data/importverb.cpp
int runMakeDemoDataset(const QStringList &args); // core/demo/demoverb.cpp

int runFeatures(const QStringList &args);       // core/audio/features_verb.cpp
int runFlops(const QStringList &args);          // core/modelverbs/model_verbs.cpp

const std::vector<Verb> &allVerbs()
{
    static const std::vector<Verb> verbs = {
        {QStringLiteral("make-demo-dataset"), QStringLiteral("Build the DrumArt-10 demo dataset from Debian packages"), runMakeDemoDataset},
        {QStringLiteral("import-dataset"), QStringLiteral("Import an annotation file (CSV, VGGSound, Kinetics-Sounds, EPIC-KITCHENS-100)"), runImportDataset},
        {QStringLiteral("features"), QStringLiteral("Write the AST log-mel fbank of a media file as .npy"), runFeatures},
        {QStringLiteral("flops"), QStringLiteral("Parameters and GMACs per model part for a preset or config"), runFlops},
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
