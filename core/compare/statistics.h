#pragma once
// Seed statistics: mean, sample standard deviation (n - 1), min / max and the 95% confidence
// interval of the mean from Student's t, for single numbers (tables) and for curves (bands).
#include "core/compare/series.h"

#include <vector>

namespace avt::compare {

struct Spread {
    int n = 0;
    double mean = 0, std = 0; // std: sample standard deviation (ddof 1); 0 for n = 1
    double min = 0, max = 0;
    double ciLow = 0, ciHigh = 0; // 95% CI of the mean (t with n - 1 degrees of freedom); = mean for n = 1
};

// Of the finite values (non-finite ones are left out); n = 0 when none is finite.
Spread describe(const std::vector<double> &values);

// The 0.975 quantile of Student's t with df degrees of freedom (df >= 1).
double studentT975(int df);

enum class BandKind { Std, MinMax, Ci95 };

struct Band {
    std::vector<double> x, mean, lower, upper;
    std::vector<int> n; // members with a value at x
};

// A group's curve: at every x where any member has a point, the statistics of the members'
// values at that x (a member contributes where it has a point at exactly x, or, with
// `carryForward`, its last value before x while x is within its range).
Band aggregate(const std::vector<Series> &members, BandKind kind, bool carryForward = false);

} // namespace avt::compare
