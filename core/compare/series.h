#pragma once
// Curves of one metric: smoothing as TensorBoard does it, values at a step, and the min/max
// per screen column reduction that keeps large series cheap to draw. Pure functions on plain
// vectors, so the GUI, the batch verbs and the tests share them.
#include <vector>

namespace avt::compare {

struct Series {
    std::vector<double> x; // ascending
    std::vector<double> y;
    bool empty() const { return x.empty(); }
    int size() const { return int(x.size()); }
};

// TensorBoard's scalar smoothing: an exponential moving average with weight w in [0, 1)
// started at 0 and debiased by 1 - w^n (n: finite points seen so far). Non-finite values are
// passed through unchanged and do not enter the average. w = 0 returns y.
std::vector<double> emaSmooth(const std::vector<double> &y, double weight);

// The value of the last point with x <= at; NaN when there is none.
double valueAt(const Series &s, double at);

// For drawing: the points of [x0, x1] reduced to at most four per column when [x0, x1] is cut
// into `columns` equal columns (the first, the lowest, the highest and the last point of each
// column, in x order), plus the nearest point outside each end so lines reach the border.
// Every local extreme of the visible part survives, so the drawn envelope equals the full one.
// Series with no more than 4 * columns visible points come back unchanged (restricted).
Series downsampleMinMax(const Series &s, double x0, double x1, int columns);

} // namespace avt::compare
