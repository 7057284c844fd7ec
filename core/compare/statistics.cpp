#include "core/compare/statistics.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace avt::compare {

double studentT975(int df)
{
    // t(0.975, df) for df = 1..30 (published quantiles; tests/core/compare checks them
    // against scipy.stats.t.ppf); beyond, the Cornish-Fisher expansion around the normal
    // quantile, which is within 1e-6 of the exact value there.
    static constexpr std::array<double, 30> kTable = {
        12.706204736, 4.302652730, 3.182446305, 2.776445105, 2.570581836, 2.446911851, 2.364624252, 2.306004135,
        2.262157163,  2.228138852, 2.200985160, 2.178812830, 2.160368656, 2.144786688, 2.131449546, 2.119905299,
        2.109815578,  2.100922040, 2.093024054, 2.085963447, 2.079613845, 2.073873068, 2.068657610, 2.063898562,
        2.059538553,  2.055529439, 2.051830516, 2.048407142, 2.045229642, 2.042272456};
    if (df < 1)
        return std::numeric_limits<double>::quiet_NaN();
    if (df <= int(kTable.size()))
        return kTable[size_t(df - 1)];
    const double z = 1.959963984540054, v = df;
    const double z2 = z * z, z3 = z2 * z, z5 = z3 * z2, z7 = z5 * z2, z9 = z7 * z2;
    return z + (z3 + z) / (4 * v) + (5 * z5 + 16 * z3 + 3 * z) / (96 * v * v)
           + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * v * v * v)
           + (79 * z9 + 776 * z7 + 1482 * z5 - 1920 * z3 - 945 * z) / (92160 * v * v * v * v);
}

Spread describe(const std::vector<double> &values)
{
    Spread s;
    double sum = 0;
    for (double v : values)
        if (std::isfinite(v)) {
            if (s.n == 0)
                s.min = s.max = v;
            s.min = std::min(s.min, v);
            s.max = std::max(s.max, v);
            sum += v;
            ++s.n;
        }
    if (s.n == 0) {
        const double nan = std::numeric_limits<double>::quiet_NaN();
        s.mean = s.std = s.min = s.max = s.ciLow = s.ciHigh = nan;
        return s;
    }
    s.mean = sum / s.n;
    double squares = 0;
    for (double v : values)
        if (std::isfinite(v))
            squares += (v - s.mean) * (v - s.mean);
    s.std = s.n > 1 ? std::sqrt(squares / (s.n - 1)) : 0.0;
    const double half = s.n > 1 ? studentT975(s.n - 1) * s.std / std::sqrt(double(s.n)) : 0.0;
    s.ciLow = s.mean - half;
    s.ciHigh = s.mean + half;
    return s;
}

Band aggregate(const std::vector<Series> &members, BandKind kind, bool carryForward)
{
    Band b;
    std::vector<double> xs;
    for (const Series &m : members)
        xs.insert(xs.end(), m.x.begin(), m.x.end());
    std::sort(xs.begin(), xs.end());
    xs.erase(std::unique(xs.begin(), xs.end()), xs.end());
    std::vector<size_t> cursor(members.size(), 0);
    std::vector<double> at;
    at.reserve(members.size());
    for (double x : xs) {
        at.clear();
        for (size_t m = 0; m < members.size(); ++m) {
            const Series &s = members[m];
            size_t &c = cursor[m];
            while (c < s.x.size() && s.x[c] < x)
                ++c;
            if (c < s.x.size() && s.x[c] == x)
                at.push_back(s.y[c]);
            else if (carryForward && c > 0 && c < s.x.size())
                at.push_back(s.y[c - 1]);
        }
        const Spread sp = describe(at);
        if (sp.n == 0)
            continue;
        b.x.push_back(x);
        b.mean.push_back(sp.mean);
        b.n.push_back(sp.n);
        switch (kind) {
        case BandKind::Std:
            b.lower.push_back(sp.mean - sp.std);
            b.upper.push_back(sp.mean + sp.std);
            break;
        case BandKind::MinMax:
            b.lower.push_back(sp.min);
            b.upper.push_back(sp.max);
            break;
        case BandKind::Ci95:
            b.lower.push_back(sp.ciLow);
            b.upper.push_back(sp.ciHigh);
            break;
        }
    }
    return b;
}

} // namespace avt::compare
