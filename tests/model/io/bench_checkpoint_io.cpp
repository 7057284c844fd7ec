// Checkpoint I/O speed: our writer (torch_writer: own pickler + PyTorchStreamWriter) and our
// strict reader (stored_zip + restricted unpickler + loadModuleState) against LibTorch's
// torch::save / torch::load of the same module, which earlier builds used. Not a test.
//   avt-bench-checkpoint-io [preset (avt-base)] [repeats (3)] [folder (/tmp)]
// Prints the best time of each and the ratios; files are written to the folder and removed.
#include "model/avt/avt_model.h"
#include "model/config/model_config.h"
#include "model/io/checkpoint_reader.h"
#include "model/io/module_state.h"
#include "model/io/torch_writer.h"

#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <string>

namespace {

double bestOf(int repeats, const std::function<void()> &fn)
{
    double best = 1e30;
    for (int i = 0; i < repeats; ++i) {
        const auto t0 = std::chrono::steady_clock::now();
        fn();
        best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    }
    return best;
}

} // namespace

int main(int argc, char **argv)
{
    using namespace avt::model;
    const std::string preset = argc > 1 ? argv[1] : "avt-base";
    const int repeats = argc > 2 ? std::max(1, std::atoi(argv[2])) : 3;
    const std::filesystem::path dir = argc > 3 ? argv[3] : "/tmp";
    const auto cfg = ModelConfig::preset(preset);
    if (!cfg) {
        std::fprintf(stderr, "unknown preset %s\n", preset.c_str());
        return 2;
    }
    AvtModel net(*cfg);
    AvtModel other(*cfg);
    int64_t params = 0;
    for (const auto &p : net->parameters())
        params += p.numel();
    const std::string ours = (dir / "avt-bench-ours.pt").string(), theirs = (dir / "avt-bench-torch.pt").string();

    const double writeOurs = bestOf(repeats, [&] { writeTorchSave(ours, pickleDict({{"model", moduleState(*net)}})); });
    const double writeTorch = bestOf(repeats, [&] { torch::save(net, theirs); });
    const double readOurs = bestOf(repeats, [&] {
        Checkpoint c;
        std::string err;
        if (!readCheckpoint(ours, c, &err))
            throw std::runtime_error(err);
        loadModuleState(*other, c.tensors, /*strict=*/true);
    });
    const double readTorch = bestOf(repeats, [&] { torch::load(other, theirs); });
    const double mib = double(std::filesystem::file_size(ours)) / (1 << 20);
    std::printf("checkpoint I/O, %s (%.1f M parameters, %.0f MiB file), best of %d, %d threads\n", preset.c_str(),
                double(params) / 1e6, mib, repeats, at::get_num_threads());
    std::printf("  write: ours %.3f s (%.0f MiB/s), torch::save %.3f s: ratio ours/torch %.2f\n", writeOurs,
                mib / writeOurs, writeTorch, writeOurs / writeTorch);
    std::printf("  read:  ours %.3f s (%.0f MiB/s, CRC-32 checked), torch::load %.3f s: ratio ours/torch %.2f\n",
                readOurs, mib / readOurs, readTorch, readOurs / readTorch);
    std::filesystem::remove(ours);
    std::filesystem::remove(theirs);
    return 0;
}
