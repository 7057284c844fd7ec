#pragma once
// Batch verbs over the model engine (model/):
//   avt-workbench --batch flops [--preset NAME] [--set key=value]... [--config FILE] [--compare] [--json]
//   avt-workbench --batch bench model [--preset NAME]... [--batch N] [--iters N] [--threads N]
//                                     [--device cpu|cuda] [--bf16] [--json]
// Both print on stdout; exit codes 0 ok, 1 failed, 2 usage.
#include <QStringList>

namespace avt::batch {
int runFlops(const QStringList &args);  // parameters and GMACs per model part
}

namespace avt::bench {
int runBenchModel(const QStringList &args);  // forward+backward speed (model/bench)
}
