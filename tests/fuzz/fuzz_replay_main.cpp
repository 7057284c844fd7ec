// Replays a fuzz corpus through one registered target (fuzz_target.h), as the tests do:
//   fuzz_replay_model checkpoint tests/fuzz/corpus/checkpoint
// Every file of the folder is fed once; a crash or sanitizer report fails the test, and so does
// an empty or missing folder (a replay of nothing must not pass).
#include "fuzz_target.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <vector>

namespace avt::fuzz {

static std::map<std::string, Target> &targets()
{
    static std::map<std::string, Target> t;
    return t;
}

Registrar::Registrar(const char *name, Target target) { targets()[name] = target; }

} // namespace avt::fuzz

int main(int argc, char **argv)
{
    namespace fs = std::filesystem;
    const auto &all = avt::fuzz::targets();
    if (argc != 3 || !all.count(argv[1])) {
        std::fprintf(stderr, "usage: %s TARGET CORPUS_DIR; targets:", argv[0]);
        for (const auto &[name, fn] : all)
            std::fprintf(stderr, " %s", name.c_str());
        std::fprintf(stderr, "\n");
        return 2;
    }
    std::vector<fs::path> files;
    std::error_code ec;
    for (const auto &e : fs::directory_iterator(argv[2], ec))
        if (e.is_regular_file())
            files.push_back(e.path());
    if (ec || files.empty()) {
        std::fprintf(stderr, "%s: no corpus files in %s\n", argv[1], argv[2]);
        return 1;
    }
    std::sort(files.begin(), files.end());
    size_t bytes = 0;
    for (const fs::path &p : files) {
        std::ifstream in(p, std::ios::binary);
        const std::string data((std::istreambuf_iterator<char>(in)), {});
        bytes += data.size();
        all.at(argv[1])(reinterpret_cast<const uint8_t *>(data.data()), data.size());
    }
    std::printf("%s: replayed %zu inputs (%zu bytes)\n", argv[1], files.size(), bytes);
    return 0;
}
