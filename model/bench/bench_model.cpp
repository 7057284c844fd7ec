// avt-bench-model: the model benchmark without Qt (builds with AVT_MODEL_ONLY on GPU servers).
//
//   avt-bench-model [--preset NAME]... [--batch N] [--iters N] [--warmup N] [--threads N]
//                   [--device cpu|cuda] [--bf16] [--json] [--set key=value]...
// Default: avt-tiny and avt-small on CPU (plus avt-base when CUDA is available).
#include "model/bench/model_bench.h"

#include <torch/cuda.h>

#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

using namespace avt::model;

static int usage(const char *msg)
{
    std::fprintf(stderr,
                 "avt-bench-model: %s\nusage: avt-bench-model [--preset NAME]... [--batch N] [--iters N] "
                 "[--warmup N] [--threads N] [--device cpu|cuda] [--bf16] [--json] [--set key=value]...\n",
                 msg);
    return 2;
}

int main(int argc, char **argv)
{
    std::vector<std::string> presets, sets;
    BenchOptions o;
    bool json = false, batchGiven = false;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto next = [&]() -> const char * { return i + 1 < argc ? argv[++i] : nullptr; };
        const char *v = nullptr;
        if (a == "--json")
            json = true;
        else if (a == "--bf16")
            o.bf16 = true;
        else if (a == "--help" || a == "-h")
            return usage("model forward+backward speed") == 2 ? 0 : 0;
        else if ((a == "--preset" || a == "--device" || a == "--set" || a == "--batch" || a == "--iters"
                  || a == "--warmup" || a == "--threads")
                 && !(v = next()))
            return usage(("missing value for " + a).c_str());
        else if (a == "--preset")
            presets.push_back(v);
        else if (a == "--device")
            o.device = v;
        else if (a == "--set")
            sets.push_back(v);
        else if (a == "--batch")
            o.batch = std::atoi(v), batchGiven = true;
        else if (a == "--iters")
            o.iterations = std::atoi(v);
        else if (a == "--warmup")
            o.warmup = std::atoi(v);
        else if (a == "--threads")
            o.threads = std::atoi(v);
        else
            return usage(("unknown argument " + a).c_str());
    }
    if (o.batch < 1 || o.iterations < 1 || o.warmup < 0)
        return usage("--batch and --iters must be >= 1, --warmup >= 0");
    const bool cuda = o.device.rfind("cuda", 0) == 0;
    if (presets.empty()) {
        if (cuda)
            presets = {"avt-small", "avt-base"};
        else
            presets = {"avt-tiny", "avt-small"};
    }
    int rc = 0;
    for (const auto &name : presets) {
        auto cfg = ModelConfig::preset(name);
        if (!cfg)
            return usage(("unknown preset " + name).c_str());
        for (const auto &kv : sets) {
            const auto eq = kv.find('=');
            std::string err;
            if (eq == std::string::npos || !cfg->set(kv.substr(0, eq), kv.substr(eq + 1), &err))
                return usage(err.empty() ? ("--set expects key=value, got " + kv).c_str() : err.c_str());
        }
        BenchOptions run = o;
        run.config = *cfg;
        if (!batchGiven)
            run.batch = name == "avt-tiny" ? 8 : cuda ? 8 : 1;
        try {
            std::puts(formatBench(run, benchModel(run), json).c_str());
            std::fflush(stdout);
        } catch (const std::exception &e) {
            std::fprintf(stderr, "avt-bench-model: %s: %s\n", name.c_str(), e.what());
            rc = 1;
        }
    }
    return rc;
}
