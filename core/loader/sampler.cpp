#include "core/loader/sampler.h"

#include <algorithm>
#include <cmath>

namespace avt::loader {

std::uint64_t mix64(std::uint64_t x)
{
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

std::uint64_t subSeed(std::uint64_t seed, std::uint64_t stream)
{
    return mix64(seed ^ mix64(stream * 0xD1B54A32D192ED03ULL + 0x8CB92BA72F3D8DD7ULL));
}

std::vector<int> epochOrder(int n, std::uint64_t seed, int epoch, bool shuffle)
{
    std::vector<int> order(size_t(std::max(n, 0)));
    for (int i = 0; i < n; ++i)
        order[size_t(i)] = i;
    if (!shuffle || n < 2)
        return order;
    SampleRng rng(subSeed(mix64(seed), 0x5A3D0000ULL + std::uint64_t(std::uint32_t(epoch))));
    for (int i = n - 1; i > 0; --i)
        std::swap(order[size_t(i)], order[size_t(rng.uniformInt(0, i))]);
    return order;
}

int batchesPerEpoch(int n, int batchSize, int worldSize, bool dropLast)
{
    if (n <= 0 || batchSize <= 0 || worldSize <= 0)
        return 0;
    const long long padded = (static_cast<long long>(n) + worldSize - 1) / worldSize * worldSize;
    const long long global = static_cast<long long>(batchSize) * worldSize;
    return int(dropLast ? padded / global : (padded + global - 1) / global);
}

RankBatch rankBatch(const std::vector<int> &order, int batch, int batchSize, int rank, int worldSize)
{
    RankBatch out;
    const long long n = static_cast<long long>(order.size());
    if (n == 0 || batchSize <= 0 || worldSize <= 0 || rank < 0 || rank >= worldSize || batch < 0)
        return out;
    const long long padded = (n + worldSize - 1) / worldSize * worldSize;
    const long long global = static_cast<long long>(batchSize) * worldSize;
    const long long begin = static_cast<long long>(batch) * global;
    const long long end = std::min(begin + global, padded);
    for (long long pos = begin + rank; pos < end; pos += worldSize) {
        out.samples.push_back(order[size_t(pos % n)]);
        out.padding.push_back(pos >= n);
    }
    return out;
}

std::uint64_t SampleRng::nextU64()
{
    m_state += 0x9E3779B97F4A7C15ULL;
    std::uint64_t z = m_state;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

double SampleRng::uniform() { return double(nextU64() >> 11) * (1.0 / 9007199254740992.0); }

int SampleRng::uniformInt(int lo, int hi)
{
    if (hi <= lo)
        return lo;
    const std::uint64_t span = std::uint64_t(std::int64_t(hi) - lo) + 1;
    // Multiply-shift (Lemire) without rejection: bias below 2^-32 for spans this small.
    const unsigned __int128 product = static_cast<unsigned __int128>(nextU64()) * span;
    return lo + int(std::uint64_t(product >> 64));
}

double SampleRng::normal()
{
    double u1 = uniform();
    while (u1 <= 0.0)
        u1 = uniform();
    const double u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * u2);
}

double SampleRng::gamma(double shape)
{
    if (shape < 1.0) {
        // Gamma(a) = Gamma(a + 1) * U^(1/a).
        double u = uniform();
        while (u <= 0.0)
            u = uniform();
        return gamma(shape + 1.0) * std::pow(u, 1.0 / shape);
    }
    const double d = shape - 1.0 / 3.0;
    const double c = 1.0 / std::sqrt(9.0 * d);
    for (;;) {
        const double x = normal();
        const double v0 = 1.0 + c * x;
        if (v0 <= 0.0)
            continue;
        const double v = v0 * v0 * v0;
        const double u = uniform();
        if (u < 1.0 - 0.0331 * x * x * x * x)
            return d * v;
        if (u > 0.0 && std::log(u) < 0.5 * x * x + d * (1.0 - v + std::log(v)))
            return d * v;
    }
}

double SampleRng::beta(double a, double b)
{
    const double x = gamma(a);
    const double y = gamma(b);
    return (x + y) > 0.0 ? x / (x + y) : 0.5;
}

} // namespace avt::loader
