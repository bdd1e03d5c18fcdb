#include "rating/symmetricsolve.h"

#include <cmath>

namespace majlis::rating::detail {

bool Cholesky::factorise(const std::vector<double> &a, int n, double damping)
{
    m_n = n;
    const auto N = std::size_t(n);
    m_lower.assign(N * N, 0.0);
    for (std::size_t j = 0; j < N; ++j) {
        const double *lj = &m_lower[j * N];
        double d = a[j * N + j] + damping;
        for (std::size_t k = 0; k < j; ++k)
            d -= lj[k] * lj[k];
        // Relative floor: a pivot that lost all but rounding noise means a singular direction.
        if (!(d > 1e-13 * (std::abs(a[j * N + j]) + damping)) || !std::isfinite(d))
            return false;
        const double pivot = std::sqrt(d);
        m_lower[j * N + j] = pivot;
        for (std::size_t i = j + 1; i < N; ++i) {
            const double *li = &m_lower[i * N];
            double s = a[i * N + j];
            for (std::size_t k = 0; k < j; ++k)
                s -= li[k] * lj[k];
            m_lower[i * N + j] = s / pivot;
        }
    }
    return true;
}

void Cholesky::solve(double *rhs) const
{
    const auto N = std::size_t(m_n);
    for (std::size_t i = 0; i < N; ++i) {
        const double *li = &m_lower[i * N];
        double s = rhs[i];
        for (std::size_t k = 0; k < i; ++k)
            s -= li[k] * rhs[k];
        rhs[i] = s / li[i];
    }
    for (std::size_t i = N; i-- > 0;) {
        double s = rhs[i];
        for (std::size_t k = i + 1; k < N; ++k)
            s -= m_lower[k * N + i] * rhs[k];
        rhs[i] = s / m_lower[i * N + i];
    }
}

} // namespace majlis::rating::detail
