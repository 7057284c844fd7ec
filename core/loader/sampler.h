#pragma once
// The loader's sampler and random streams as pure functions (see clip_loader.h, SAMPLER and
// DETERMINISM), so tests and the trainer can reason about batches without loading anything.
//
//   auto order = avt::loader::epochOrder(n, seed, epoch, true);        // a permutation of 0..n-1
//   auto b = avt::loader::rankBatch(order, k, batchSize, rank, worldSize);
//
// Thread-safety: pure functions; SampleRng is a value owned by one thread.
#include <cstdint>
#include <vector>

namespace avt::loader {

// splitmix64 finaliser: a well-mixed 64-bit value from x.
std::uint64_t mix64(std::uint64_t x);
// Sub-stream `stream` of a seed (window, crop, flip, spec, masks... get their own).
std::uint64_t subSeed(std::uint64_t seed, std::uint64_t stream);

// The sample order of an epoch: 0..n-1, Fisher-Yates shuffled from (seed, epoch) when shuffle.
std::vector<int> epochOrder(int n, std::uint64_t seed, int epoch, bool shuffle);

// Batches per rank and epoch: the order is padded by wrap-around to a multiple of worldSize
// (length P); global batches of batchSize * worldSize; dropLast: floor(P / G), else ceil(P / G).
int batchesPerEpoch(int n, int batchSize, int worldSize, bool dropLast);

struct RankBatch {
    std::vector<int> samples;  // sample indices, in batch order
    std::vector<bool> padding; // true for wrap-around duplicates
};
// This rank's share of global batch `batch`: positions batch * G + rank + j * worldSize of the
// padded order that lie inside the global batch (G = batchSize * worldSize).
RankBatch rankBatch(const std::vector<int> &order, int batch, int batchSize, int rank, int worldSize);

// A small deterministic generator with portable draws (the same numbers on every platform).
class SampleRng {
public:
    explicit SampleRng(std::uint64_t seed) : m_state(seed) {}
    std::uint64_t nextU64();
    double uniform();                // [0, 1)
    int uniformInt(int lo, int hi);  // inclusive range; lo when hi <= lo
    double gamma(double shape);      // Gamma(shape, 1), shape > 0 (Marsaglia-Tsang)
    double beta(double a, double b); // Beta(a, b) from two gamma draws
    double normal();                 // N(0, 1), Box-Muller

private:
    std::uint64_t m_state;
};

} // namespace avt::loader
