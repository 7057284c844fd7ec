#pragma once
// `avt-workbench --batch bench SUBCOMMAND [ARGS]`: speed measurements.
//
//   avt-workbench --batch bench data clip1.mp4 clip2.mp4 --threads 2 --json
//
// Subcommands are rows of a small table (subcommands() in bench_verb.cpp): a name, a one-line
// summary and a function `int run(const QStringList &args)` that gets the words after the
// subcommand and returns a batch exit code (0 ok, 1 failed, 2 usage). To add one (the model
// helper's `bench model`), declare its function next to the service it measures and add one
// row to that table; `bench --help` lists the rows.
#include <QString>
#include <QStringList>

#include <functional>
#include <vector>

namespace avt::bench {

struct Subcommand {
    QString name;
    QString summary;
    std::function<int(const QStringList &args)> run;
};

// All `bench` subcommands, in the order --help lists them.
const std::vector<Subcommand> &subcommands();

// `bench data`: fbank speed and model-input loading throughput (data_bench.cpp).
int runBenchData(const QStringList &args);

} // namespace avt::bench

namespace avt::batch {
// The `bench` verb: dispatches to avt::bench::subcommands().
int runBench(const QStringList &args);
} // namespace avt::batch
