#include "synthetic_audio.h"

#include <cmath>
#include <cstdint>
#include <numbers>
#include <stdexcept>

namespace avt::test {

namespace {

constexpr double kTwoPi = 2.0 * std::numbers::pi;

// n values in [-1, 1): state = 1664525 * state + 1013904223 (mod 2^32).
std::vector<double> lcgUniform(int64_t n, uint32_t seed)
{
    std::vector<double> out(static_cast<size_t>(n));
    uint32_t state = seed;
    for (int64_t i = 0; i < n; ++i) {
        state = 1664525u * state + 1013904223u;
        out[i] = state / 4294967296.0 * 2.0 - 1.0;
    }
    return out;
}

} // namespace

std::vector<float> makeSignal(const QJsonObject &r)
{
    const double sr = r.value(QStringLiteral("sample_rate")).toDouble();
    const int64_t n = r.value(QStringLiteral("num_samples")).toInteger();
    const double a = r.value(QStringLiteral("amplitude")).toDouble();
    const QString kind = r.value(QStringLiteral("kind")).toString();
    std::vector<double> x(static_cast<size_t>(n), 0.0);
    if (kind == QLatin1String("sine")) {
        const double f = r.value(QStringLiteral("freq")).toDouble();
        const double dc = r.value(QStringLiteral("dc")).toDouble(0.0);
        for (int64_t i = 0; i < n; ++i)
            x[i] = a * std::sin(kTwoPi * f * static_cast<double>(i) / sr) + dc;
    } else if (kind == QLatin1String("chirp")) {
        const double f0 = r.value(QStringLiteral("f0")).toDouble();
        const double f1 = r.value(QStringLiteral("f1")).toDouble();
        const double dur = static_cast<double>(n) / sr;
        for (int64_t i = 0; i < n; ++i) {
            const double t = static_cast<double>(i) / sr;
            x[i] = a * std::sin(kTwoPi * (f0 * t + 0.5 * (f1 - f0) / dur * t * t));
        }
    } else if (kind == QLatin1String("noise")) {
        const std::vector<double> u = lcgUniform(n, static_cast<uint32_t>(r.value(QStringLiteral("seed")).toInteger()));
        for (int64_t i = 0; i < n; ++i)
            x[i] = a * u[i];
    } else if (kind == QLatin1String("silence")) {
    } else if (kind == QLatin1String("clicks")) {
        const int64_t period = r.value(QStringLiteral("period")).toInteger();
        for (int64_t i = r.value(QStringLiteral("offset")).toInteger(); i < n; i += period)
            x[i] = a;
    } else if (kind == QLatin1String("am_noise")) {
        const std::vector<double> u = lcgUniform(n, static_cast<uint32_t>(r.value(QStringLiteral("seed")).toInteger()));
        for (int64_t i = 0; i < n; ++i) {
            const double t = static_cast<double>(i) / sr;
            const double env = 0.5 + 0.5 * std::sin(kTwoPi * 4.0 * t);
            x[i] = a * env * env * (0.7 * u[i] + 0.3 * std::sin(kTwoPi * 180.0 * t));
        }
    } else {
        throw std::invalid_argument("unknown signal kind " + kind.toStdString());
    }
    return std::vector<float>(x.begin(), x.end());
}

} // namespace avt::test
