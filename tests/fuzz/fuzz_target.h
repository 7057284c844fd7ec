#pragma once
// One fuzz target per reader of files we did not write. Each harness file defines its target
//
//   AVT_FUZZ_TARGET(npy) { ... feed data[0..size) to the reader; never abort on bad input ... }
//
// and is built two ways: with -DAVT_LIBFUZZER (clang, -DAVT_FUZZ=ON, scripts/fuzz.sh) it is the
// LLVMFuzzerTestOneInput of a libFuzzer executable; in every other build it registers itself
// with the replay driver (fuzz_replay_main.cpp), which the tests run over the committed corpora.
#include <cstddef>
#include <cstdint>
#include <string>

namespace avt::fuzz {

using Target = int (*)(const uint8_t *data, size_t size);

struct Registrar {
    Registrar(const char *name, Target target);
};

// A file holding exactly data[0..size), for readers that take a path: one per process and
// suffix, rewritten on each call (under /dev/shm when there is one), removed when the process
// exits normally.
std::string writeInput(const uint8_t *data, size_t size, const std::string &suffix);
// An empty folder of this process (under the temporary folder), removed when it exits normally.
std::string scratchFolder(const std::string &name);

} // namespace avt::fuzz

#ifdef AVT_LIBFUZZER
#define AVT_FUZZ_TARGET(name) extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
#else
#define AVT_FUZZ_TARGET(name)                                                                                          \
    static int avtFuzz_##name(const uint8_t *data, size_t size);                                                       \
    static const avt::fuzz::Registrar avtFuzzRegistrar_##name(#name, avtFuzz_##name);                                  \
    static int avtFuzz_##name(const uint8_t *data, size_t size)
#endif
