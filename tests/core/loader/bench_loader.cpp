// avt-bench-loader FILE... [--workers N] [--batch N] [--epochs N] [--cache MIB] [--consumer SEC]
//                      [--segment] [--preset NAME]
// Loader throughput on real media with the avt-tiny (default) or another preset: one line per
// run with items/s, the time next() blocked, and the seconds of each epoch.
#include "core/loader/loader_bench.h"
#include "model/config/model_config.h"

#include <QCoreApplication>
#include <QStringList>

#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    avt::loader::LoaderOptions o;
    o.batchSize = 8;
    int epochs = 2;
    double consumer = 0.0;
    std::string preset = "avt-tiny";
    QStringList files;
    for (int i = 0; i < args.size(); ++i) {
        const QString a = args[i];
        auto next = [&] { return i + 1 < args.size() ? args[++i] : QString(); };
        if (a == QLatin1String("--workers"))
            o.numWorkers = next().toInt();
        else if (a == QLatin1String("--batch"))
            o.batchSize = next().toInt();
        else if (a == QLatin1String("--epochs"))
            epochs = next().toInt();
        else if (a == QLatin1String("--cache"))
            o.cacheMiB = next().toInt();
        else if (a == QLatin1String("--consumer"))
            consumer = next().toDouble();
        else if (a == QLatin1String("--segment"))
            o.masking.audio = avt::loader::AudioMasking::Segment;
        else if (a == QLatin1String("--preset"))
            preset = next().toStdString();
        else
            files << a;
    }
    const auto cfg = avt::model::ModelConfig::preset(preset);
    if (!cfg) {
        std::fprintf(stderr, "unknown preset %s\n", preset.c_str());
        return 2;
    }
    auto r = avt::loader::benchmarkLoader(files, o, *cfg, epochs, consumer);
    if (!r) {
        std::fprintf(stderr, "%s\n", qPrintable(r.error().message));
        return 1;
    }
    QStringList per;
    for (double s : r->epochSeconds)
        per << QString::number(s, 'f', 2);
    std::printf("preset %s workers %d batch %d cache %d segment %d consumer %.3f: %.1f items/s, "
                "wait %.2f s of %.2f s (%.0f%%), epochs [%s] s, failures %d\n",
                preset.c_str(), o.numWorkers, o.batchSize, o.cacheMiB,
                int(o.masking.audio == avt::loader::AudioMasking::Segment), consumer, r->itemsPerSecond, r->waitSeconds,
                r->seconds, 100.0 * r->waitFraction, qPrintable(per.join(QLatin1Char(' '))), r->failures);
    return 0;
}
