#pragma once
// Synthetic spectrograms with known change points for the segment detector tests: a
// log-mel-like background with a little deterministic noise, tones (a band of bins switched on
// between two frames) and drum hits (broadband onset with an exponential decay).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include <QString>
#include <QStringList>

namespace avt::segments::test {

struct Spectrogram {
    std::int64_t frames = 0;
    std::int64_t bins = 0;
    std::vector<float> values; // [frames, bins] row-major

    Spectrogram(std::int64_t t, std::int64_t m, float level, float noise, unsigned seed)
        : frames(t), bins(m), values(size_t(t * m), level)
    {
        std::mt19937 rng(seed);
        std::normal_distribution<float> n(0.0f, 1.0f);
        if (noise > 0.0f)
            for (float &v : values)
                v += noise * n(rng);
    }
    float &at(std::int64_t t, std::int64_t m) { return values[size_t(t * bins + m)]; }

    // Values are log energies: sources add in the linear domain, v = log(exp(v) + power).
    void add(std::int64_t t, std::int64_t m, float power) { at(t, m) = std::log(std::exp(at(t, m)) + power); }
    // A tone: bins [lo, hi) get `power` for frames [start, stop).
    void tone(std::int64_t start, std::int64_t stop, std::int64_t lo, std::int64_t hi, float power)
    {
        for (std::int64_t t = start; t < stop; ++t)
            for (std::int64_t m = lo; m < hi; ++m)
                add(t, m, power);
    }
    // A drum hit: every bin gets power * exp(-(t - start) / decayFrames) from `start` on, a
    // sudden onset and a linear fall in log energy back into the background.
    void hit(std::int64_t start, float power, float decayFrames)
    {
        for (std::int64_t t = start; t < frames; ++t) {
            const float p = power * std::exp(-float(t - start) / decayFrames);
            for (std::int64_t m = 0; m < bins; ++m)
                add(t, m, p);
        }
    }
};

// Largest distance in frames from each truth frame to its nearest boundary; 1 << 30 when the
// counts differ.
inline std::int64_t worstError(const std::vector<std::int64_t> &found, const std::vector<std::int64_t> &truth)
{
    if (found.size() != truth.size())
        return 1 << 30;
    std::int64_t worst = 0;
    for (std::int64_t t : truth) {
        std::int64_t best = 1 << 30;
        for (std::int64_t b : found)
            best = std::min(best, std::abs(b - t));
        worst = std::max(worst, best);
    }
    return worst;
}

// "1 2 3" for messages.
inline QString listText(const std::vector<std::int64_t> &v)
{
    QStringList s;
    for (auto x : v)
        s << QString::number(x);
    return s.join(QLatin1Char(' '));
}

} // namespace avt::segments::test
