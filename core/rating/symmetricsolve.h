#pragma once

#include <vector>

namespace majlis::rating::detail {

// Cholesky factor of a small dense symmetric matrix (row-major n x n), for Newton steps and
// the sandwich covariance. Matrices here are at most a few hundred models wide.
class Cholesky
{
public:
    // Factorises a + damping * I; false when that is not numerically positive definite.
    bool factorise(const std::vector<double> &a, int n, double damping = 0);
    // Solves (a + damping * I) x = rhs in place; rhs has n entries.
    void solve(double *rhs) const;
    int size() const { return m_n; }

private:
    std::vector<double> m_lower;
    int m_n = 0;
};

} // namespace majlis::rating::detail
