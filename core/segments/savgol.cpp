// Savitzky-Golay coefficients from the normal equations of the least-squares polynomial fit.
// The sample positions are centred and scaled to [-1, 1] before forming the Gram matrix: a
// polynomial fit does not change under an affine change of the abscissa, and the scaled Gram
// matrix stays well conditioned (powers of 0..w-1 up to 2*order would not), so double
// precision gives coefficients accurate to ~1e-14.
#include "core/segments/savgol.h"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace avt::segments {

namespace {

// Solves a * z = b in place (a: n x n row-major, b: n) by Gaussian elimination with partial
// pivoting. The Gram matrices here are symmetric positive definite and tiny (order + 1 <= 7).
void solveSmall(std::vector<double> &a, std::vector<double> &b, int n)
{
    for (int col = 0; col < n; ++col) {
        int pivot = col;
        for (int r = col + 1; r < n; ++r)
            if (std::abs(a[size_t(r * n + col)]) > std::abs(a[size_t(pivot * n + col)]))
                pivot = r;
        if (pivot != col) {
            for (int c = 0; c < n; ++c)
                std::swap(a[size_t(col * n + c)], a[size_t(pivot * n + c)]);
            std::swap(b[size_t(col)], b[size_t(pivot)]);
        }
        const double d = a[size_t(col * n + col)];
        for (int r = col + 1; r < n; ++r) {
            const double f = a[size_t(r * n + col)] / d;
            for (int c = col; c < n; ++c)
                a[size_t(r * n + c)] -= f * a[size_t(col * n + c)];
            b[size_t(r)] -= f * b[size_t(col)];
        }
    }
    for (int r = n - 1; r >= 0; --r) {
        double s = b[size_t(r)];
        for (int c = r + 1; c < n; ++c)
            s -= a[size_t(r * n + c)] * b[size_t(c)];
        b[size_t(r)] = s / a[size_t(r * n + r)];
    }
}

int oddAtLeastOne(int w) { return std::max(1, w % 2 == 0 ? w - 1 : w); }

} // namespace

std::vector<double> polyFitWeights(int window, int order, int at)
{
    assert(window >= 1 && order >= 0 && order < window && at >= 0 && at < window);
    const int terms = order + 1;
    const double centre = 0.5 * (window - 1);
    const double scale = std::max(centre, 1.0);
    // V[j][k] = u_j^k with u_j = (j - centre) / scale.
    std::vector<double> v(size_t(window) * size_t(terms));
    for (int j = 0; j < window; ++j) {
        const double u = (j - centre) / scale;
        double p = 1.0;
        for (int k = 0; k < terms; ++k, p *= u)
            v[size_t(j * terms + k)] = p;
    }
    std::vector<double> gram(size_t(terms) * size_t(terms), 0.0);
    for (int j = 0; j < window; ++j)
        for (int r = 0; r < terms; ++r)
            for (int c = 0; c < terms; ++c)
                gram[size_t(r * terms + c)] += v[size_t(j * terms + r)] * v[size_t(j * terms + c)];
    // Weights = V G^-1 v_at, where v_at is the row of V at the evaluation point.
    std::vector<double> z(v.begin() + at * terms, v.begin() + (at + 1) * terms);
    solveSmall(gram, z, terms);
    std::vector<double> w(size_t(window), 0.0);
    for (int j = 0; j < window; ++j)
        for (int k = 0; k < terms; ++k)
            w[size_t(j)] += v[size_t(j * terms + k)] * z[size_t(k)];
    return w;
}

SavgolFilter::SavgolFilter(int window, int order)
    : m_window(oddAtLeastOne(window)), m_order(std::clamp(order, 0, m_window - 1))
{
    const int half = m_window / 2;
    m_centre = polyFitWeights(m_window, m_order, half);
    m_head.resize(size_t(half) * size_t(m_window));
    m_tail.resize(size_t(half) * size_t(m_window));
    for (int i = 0; i < half; ++i) {
        const auto h = polyFitWeights(m_window, m_order, i);
        const auto t = polyFitWeights(m_window, m_order, m_window - half + i);
        std::copy(h.begin(), h.end(), m_head.begin() + i * m_window);
        std::copy(t.begin(), t.end(), m_tail.begin() + i * m_window);
    }
}

int SavgolFilter::effectiveWindow(std::int64_t n) const
{
    if (n >= m_window)
        return m_window;
    return n <= 0 ? 1 : oddAtLeastOne(int(n));
}

void SavgolFilter::apply(const double *x, double *y, std::int64_t n) const
{
    if (n <= 0)
        return;
    const int w = effectiveWindow(n);
    if (w <= m_order) { // too short to smooth: the fit reproduces the samples
        std::copy(x, x + n, y);
        return;
    }
    if (w != m_window) {
        SavgolFilter(w, m_order).apply(x, y, n);
        return;
    }
    const int half = m_window / 2;
    const double *c = m_centre.data();
    for (std::int64_t i = half; i < n - half; ++i) {
        const double *xi = x + (i - half);
        double s = 0.0;
        for (int j = 0; j < m_window; ++j)
            s += c[j] * xi[j];
        y[i] = s;
    }
    const double *tailX = x + (n - m_window);
    for (int i = 0; i < half; ++i) {
        const double *h = headRow(i), *t = tailRow(i);
        double sh = 0.0, st = 0.0;
        for (int j = 0; j < m_window; ++j) {
            sh += h[j] * x[j];
            st += t[j] * tailX[j];
        }
        y[i] = sh;
        y[n - half + i] = st;
    }
}

std::vector<double> savgolFilter(const std::vector<double> &x, int window, int order)
{
    std::vector<double> y(x.size());
    SavgolFilter(window, order).apply(x.data(), y.data(), std::int64_t(x.size()));
    return y;
}

void gradient(const double *x, double *g, std::int64_t n)
{
    if (n <= 0)
        return;
    if (n == 1) {
        g[0] = 0.0;
        return;
    }
    g[0] = x[1] - x[0];
    for (std::int64_t i = 1; i < n - 1; ++i)
        g[i] = 0.5 * (x[i + 1] - x[i - 1]);
    g[n - 1] = x[n - 1] - x[n - 2];
}

std::vector<double> gradient(const std::vector<double> &x)
{
    std::vector<double> g(x.size());
    gradient(x.data(), g.data(), std::int64_t(x.size()));
    return g;
}

} // namespace avt::segments
