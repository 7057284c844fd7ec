#include "core/compare/series.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace avt::compare {

std::vector<double> emaSmooth(const std::vector<double> &y, double weight)
{
    if (weight <= 0)
        return y;
    weight = std::min(weight, 0.999999);
    std::vector<double> out(y.size());
    double last = 0;
    double decay = 1; // weight^n, kept as a running product (a pow() per point costs more than the rest)
    for (size_t i = 0; i < y.size(); ++i) {
        const double v = y[i];
        if (!std::isfinite(v)) {
            out[i] = v;
            continue;
        }
        last = last * weight + (1 - weight) * v;
        decay *= weight;
        out[i] = last / (1 - decay);
    }
    return out;
}

double valueAt(const Series &s, double at)
{
    const auto it = std::upper_bound(s.x.begin(), s.x.end(), at);
    if (it == s.x.begin())
        return std::numeric_limits<double>::quiet_NaN();
    return s.y[size_t(it - s.x.begin()) - 1];
}

Series downsampleMinMax(const Series &s, double x0, double x1, int columns)
{
    Series out;
    if (s.empty() || columns < 1 || !(x1 > x0))
        return out;
    auto lo = size_t(std::lower_bound(s.x.begin(), s.x.end(), x0) - s.x.begin());
    auto hi = size_t(std::upper_bound(s.x.begin(), s.x.end(), x1) - s.x.begin()); // one past the visible end
    // The neighbours just outside the range, so lines run to the plot's border.
    const size_t first = lo > 0 ? lo - 1 : lo;
    const size_t last = hi < s.x.size() ? hi + 1 : hi;
    auto push = [&](size_t i) {
        out.x.push_back(s.x[i]);
        out.y.push_back(s.y[i]);
    };
    if (hi - lo <= size_t(4) * size_t(columns)) {
        out.x.assign(s.x.begin() + long(first), s.x.begin() + long(last));
        out.y.assign(s.y.begin() + long(first), s.y.begin() + long(last));
        return out;
    }
    out.x.reserve(size_t(columns) * 4 + 2);
    out.y.reserve(size_t(columns) * 4 + 2);
    if (first < lo)
        push(first);
    const double width = (x1 - x0) / columns;
    size_t i = lo;
    while (i < hi) {
        const auto column = std::min<long>(columns - 1, long((s.x[i] - x0) / width));
        const double end = x0 + double(column + 1) * width;
        const size_t start = i;
        size_t iMin = i, iMax = i;
        do { // the first point always belongs to its column, whatever rounding says
            // NaN never wins a comparison, so gaps do not become extremes.
            if (s.y[i] < s.y[iMin] || std::isnan(s.y[iMin]))
                iMin = i;
            if (s.y[i] > s.y[iMax] || std::isnan(s.y[iMax]))
                iMax = i;
            ++i;
        } while (i < hi && (s.x[i] < end || column == columns - 1));
        const size_t stop = i - 1;
        size_t picks[4] = {start, std::min(iMin, iMax), std::max(iMin, iMax), stop};
        size_t prev = size_t(-1);
        for (size_t p : picks)
            if (p != prev) {
                push(p);
                prev = p;
            }
    }
    if (last > hi)
        push(hi);
    return out;
}

} // namespace avt::compare
