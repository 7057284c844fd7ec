#pragma once
// Savitzky-Golay smoothing and numpy-style gradients, in double precision.
//
//   avt::segments::SavgolFilter f(9, 2);        // odd window 9, polynomial order 2
//   f.apply(x.data(), y.data(), n);              // y = scipy.signal.savgol_filter(x, 9, 2)
//   avt::segments::gradient(y.data(), g.data(), n);   // g = numpy.gradient(y)
//
// Semantics follow scipy.signal.savgol_filter with mode='interp' (scipy 1.10): outputs at
// least window/2 samples away from both ends are the least-squares polynomial fit over the
// window centred on them (a convolution with fixed coefficients); the first and the last
// window/2 outputs are read off the polynomial fitted to the first / last `window` samples.
// mode 'interp' needs window <= n; apply() instead shrinks the window for short signals (see
// effectiveWindow()), which scipy would refuse. Agreement with scipy: better than 1e-9 on the
// test fixtures (tests/fixtures/segments/savgol.json).
//
// All coefficients are computed once in the constructor; apply() is const and thread-safe.
// Windows must be odd; order < window.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace avt::segments {

class SavgolFilter {
public:
    // window: odd, >= 1; order: 0 <= order < window. Invalid values are clamped to the nearest
    // valid ones (callers validate their parameters first, see DetectorParams::validate()).
    SavgolFilter(int window, int order);

    int window() const { return m_window; }
    int order() const { return m_order; }
    int halfWindow() const { return m_window / 2; }

    // The window apply() uses for a signal of n samples: m_window when it fits, else the
    // largest odd window <= n; when that window is not larger than the order the signal is
    // returned unchanged (a polynomial of that order fits it exactly).
    int effectiveWindow(std::int64_t n) const;

    // y[0..n) = smoothed x[0..n). x and y must not overlap. Allocates only when n < window
    // (a shorter filter is built for that call).
    void apply(const double *x, double *y, std::int64_t n) const;

    // Interior convolution coefficients, centre at index halfWindow() (symmetric).
    const std::vector<double> &coefficients() const { return m_centre; }
    // Edge rows: head(i) gives output i (i < halfWindow()) as weights over x[0..window);
    // tail(i) gives output n - halfWindow() + i as weights over x[n - window..n).
    const double *headRow(int i) const { return &m_head[std::size_t(i) * std::size_t(m_window)]; }
    const double *tailRow(int i) const { return &m_tail[std::size_t(i) * std::size_t(m_window)]; }

private:
    int m_window;
    int m_order;
    std::vector<double> m_centre; // [window]
    std::vector<double> m_head;   // [halfWindow, window]
    std::vector<double> m_tail;   // [halfWindow, window]
};

// Least-squares polynomial fit of degree `order` through `window` equally spaced samples,
// evaluated at sample `at` (0 <= at < window): returns the weights w with
// fit(at) = sum_j w[j] * x[j]. Exposed for tests.
std::vector<double> polyFitWeights(int window, int order, int at);

// One-shot filter for tests and tools (allocates): scipy.signal.savgol_filter(x, w, order).
std::vector<double> savgolFilter(const std::vector<double> &x, int window, int order);

// numpy.gradient with unit spacing: (x[i+1] - x[i-1]) / 2 inside, one-sided differences at
// the two ends. n == 1 gives 0 (numpy refuses), n == 0 does nothing.
void gradient(const double *x, double *g, std::int64_t n);
std::vector<double> gradient(const std::vector<double> &x);

} // namespace avt::segments
