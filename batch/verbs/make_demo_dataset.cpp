// `avt-workbench --batch make-demo-dataset`: build DrumArt-10 (see drumart.h).
#include "batch/verb_parser.h"
#include "core/demo/drumart.h"
#include "core/util/progress.h"

#include <QDir>

#include <cstdio>

namespace avt::batch {

int runMakeDemoDataset(const QStringList &args)
{
    const QString verb = QStringLiteral("make-demo-dataset");
    VerbParser p(verb,
                 QStringLiteral(
                     "Build DrumArt-10, the demo dataset: real drum one-shots and public-domain clip-art from Debian\n"
                     "packages, 10 classes that neither modality alone can separate. Deterministic for a seed.\n"
                     "Sources come from the installed packages, --sources, or are unpacked into a cache folder\n"
                     "with apt-get download (no root needed). Writes clips/, drumart10.csv and manifest.json."));
    p.addOption({QStringLiteral("out"), QStringLiteral("Output folder."), QStringLiteral("DIR")});
    p.addOption({QStringLiteral("clips-per-class"), QStringLiteral("Clips per class (train + test)."),
                 QStringLiteral("N"), QStringLiteral("100")});
    p.addOption({QStringLiteral("seed"), QStringLiteral("Random seed."), QStringLiteral("S"), QStringLiteral("1")});
    p.addOption({QStringLiteral("test-fraction"),
                 QStringLiteral("Share of clips and of source files held out for test."), QStringLiteral("F"),
                 QStringLiteral("0.3")});
    p.addThreadsOption(QStringLiteral("Clips encoded in parallel."), QStringLiteral("2"));
    p.addOption({QStringLiteral("sources"), QStringLiteral("Folder holding the unpacked packages (usr/share/...)."),
                 QStringLiteral("DIR")});
    p.addOption(
        {QStringLiteral("cache"), QStringLiteral("Cache folder for downloaded sources."), QStringLiteral("DIR")});
    p.addOption({QStringLiteral("no-download"), QStringLiteral("Fail instead of downloading missing sources.")});
    p.addProgressOption();
    p.setPositionalRange(0, 0);
    if (auto code = p.parse(args))
        return *code;
    if (!p.isSet(QStringLiteral("out")))
        return p.usageError(QStringLiteral("--out is required"));
    const auto clips = p.intValue(QStringLiteral("clips-per-class"), 2, 100000);
    const auto threads = p.intValue(QStringLiteral("threads"), 1, 64);
    const auto testFraction = p.doubleValue(QStringLiteral("test-fraction"), 0.05, 0.95);
    bool seedOk = false;
    const quint64 seed = p.value(QStringLiteral("seed")).toULongLong(&seedOk);
    if (!clips || !threads || !testFraction)
        return ExitUsage;
    if (!seedOk)
        return p.usageError(QStringLiteral("--seed must be a non-negative integer"));
    const auto progressMode = p.progressMode();
    if (!progressMode)
        return ExitUsage;
    const Progress::Mode mode = *progressMode;

    demo::DemoOptions o;
    o.outDir = QDir(p.value(QStringLiteral("out"))).absolutePath();
    o.clipsPerClass = *clips;
    o.seed = seed;
    o.testFraction = *testFraction;
    o.threads = *threads;
    o.sourcesDir = p.value(QStringLiteral("sources"));
    o.cacheDir = p.value(QStringLiteral("cache"));
    o.allowDownload = !p.isSet(QStringLiteral("no-download"));

    Progress progress(QStringLiteral("make-demo-dataset"), 10 * o.clipsPerClass, mode);
    auto summary = demo::makeDrumArt(o, [&](int done, int total) {
        progress.setTotal(total);
        progress.update(done);
    });
    progress.finish();
    if (!summary)
        return p.fail(summary.error());
    printLine(QStringLiteral("DrumArt-10: %1 clips (%2 train, %3 test) in %4 s")
                  .arg(summary->clips)
                  .arg(summary->trainClips)
                  .arg(summary->testClips)
                  .arg(summary->seconds, 0, 'f', 1));
    printLine(QStringLiteral("  annotations: %1").arg(summary->csvPath));
    printLine(QStringLiteral("  manifest:    %1").arg(summary->manifestPath));
    printLine(QStringLiteral("  sources skipped (did not decode): %1").arg(summary->skippedSources.size()));
    for (const QString &s : summary->skippedSources.mid(0, 10))
        printLine(QStringLiteral("    %1").arg(s));
    return ExitOk;
}

} // namespace avt::batch
