#include "analysis/stats/kolmogorov.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <stdexcept>
#include <vector>

namespace fleetsim::analysis {

namespace {

constexpr int kScaleExp = 128;
constexpr std::int64_t kSmirnovExactMaxN = 1000000;
const double kBig = std::ldexp(1.0, kScaleExp);
const double kSmall = std::ldexp(1.0, -kScaleExp);

double clip01(double p) {
  return std::clamp(p, 0.0, 1.0);
}

// log(n! / n^n) by Stirling's series.
double log_nfactorial_div_n_pow_n(double n) {
  static constexpr double kCoeffs[] = {-2.955065359477124183e-2,  6.4102564102564102564e-3,
                                       -1.9175269175269175269e-3, 8.4175084175084175084e-4,
                                       -5.952380952380952381e-4,  7.9365079365079365079e-4,
                                       -2.7777777777777777778e-3, 8.3333333333333333333e-2};
  const double rn = 1.0 / n;
  const double x = rn / n;
  double poly = 0;
  for (const double c : kCoeffs) poly = poly * x + c;
  return std::log(n) / 2 - n + std::log(2 * std::numbers::pi) / 2 + rn * poly;
}

using Matrix = std::vector<double>;  // row-major m x m

void multiply(const Matrix& a, const Matrix& b, Matrix& out, int m) {
  std::fill(out.begin(), out.end(), 0.0);
  for (int i = 0; i < m; ++i) {
    for (int k = 0; k < m; ++k) {
      const double aik = a[i * m + k];
      if (aik == 0.0) continue;
      for (int j = 0; j < m; ++j) out[i * m + j] += aik * b[k * m + j];
    }
  }
}

// P(D_n <= d) by the Durbin matrix method (Marsaglia, Tsang & Wang).
double durbin_cdf(std::int64_t n, double d) {
  if (d >= 1.0) return 1.0;
  const double nd = static_cast<double>(n) * d;
  if (nd <= 0.5) return 0.0;
  const int k = static_cast<int>(std::ceil(nd));
  const double h = k - nd;
  const int m = 2 * k - 1;
  std::vector<double> v(m), w(m);
  double fac = 1.0;
  for (int j = 1; j <= m; ++j) {
    w[j - 1] = fac;
    fac /= j;
    v[j - 1] = (1.0 - std::pow(h, j)) * fac;
  }
  const double tt = std::pow(std::max(2 * h - 1.0, 0.0), m) - 2 * std::pow(h, m);
  v[m - 1] = (1.0 + tt) * fac;
  Matrix H(static_cast<std::size_t>(m) * m, 0.0);
  for (int i = 1; i < m; ++i) {
    for (int r = i - 1; r < m; ++r) H[r * m + i] = w[r - (i - 1)];
  }
  for (int r = 0; r < m; ++r) H[r * m] = v[r];
  for (int c = 0; c < m; ++c) H[(m - 1) * m + c] = v[m - 1 - c];

  Matrix P(static_cast<std::size_t>(m) * m, 0.0), tmp(P.size());
  for (int i = 0; i < m; ++i) P[i * m + i] = 1.0;
  std::int64_t e = 0, he = 0, nn = n;
  while (nn > 0) {
    if (nn % 2) {
      multiply(P, H, tmp, m);
      P.swap(tmp);
      e += he;
    }
    multiply(H, H, tmp, m);
    H.swap(tmp);
    he *= 2;
    if (std::fabs(H[(k - 1) * m + (k - 1)]) > kBig) {
      for (double& x : H) x /= kBig;
      he += kScaleExp;
    }
    nn /= 2;
  }
  double p = P[(k - 1) * m + (k - 1)];
  for (std::int64_t i = 1; i <= n; ++i) {
    p = static_cast<double>(i) * p / static_cast<double>(n);
    if (std::fabs(p) < kSmall) {
      p *= kBig;
      e -= kScaleExp;
    }
  }
  return std::ldexp(p, static_cast<int>(e));
}

// Column bounds [j1, j2] of row i of the Pomeranz recursion.
void pomeranz_bounds(std::int64_t i, std::int64_t n, std::int64_t ll, int ceilf, int roundf,
                     std::int64_t& j1, std::int64_t& j2) {
  if (i == 0) {
    j1 = -ll - ceilf - 1;
    j2 = ll + ceilf - 1;
  } else {
    const std::int64_t half = (i + 1) / 2;
    if ((i + 1) % 2 == 0) {
      if (half == n + 1) {
        j1 = n - ll - ceilf - 1;
        j2 = n + ll + ceilf - 1;
      } else {
        j1 = half - 1 - ll - roundf - 1;
        j2 = half + ll - 1 + ceilf - 1;
      }
    } else {
      j1 = half - 1 - ll - 1;
      j2 = half + ll + roundf - 1;
    }
  }
  j1 = std::max<std::int64_t>(j1 + 2, 0);
  j2 = std::min(j2, n);
}

// P(D_n <= x) by the Pomeranz (1974) recursion.
double pomeranz_cdf(std::int64_t n, double x) {
  const double t = static_cast<double>(n) * x;
  const auto ll = static_cast<std::int64_t>(std::floor(t));
  const double f = t - static_cast<double>(ll);
  const double g = std::min(f, 1.0 - f);
  const int ceilf = f > 0 ? 1 : 0;
  const int roundf = f > 0.5 ? 1 : 0;
  const std::size_t npwrs = static_cast<std::size_t>(2 * (ll + 1));
  std::vector<double> gp(npwrs), g2p(npwrs), om2gp(npwrs);
  gp[0] = g2p[0] = om2gp[0] = 1.0;
  const double dn = static_cast<double>(n);
  for (std::size_t m = 1; m < npwrs; ++m) {
    gp[m] = gp[m - 1] * (g / dn) / static_cast<double>(m);
    g2p[m] = g2p[m - 1] * (2 * g / dn) / static_cast<double>(m);
    om2gp[m] = om2gp[m - 1] * ((1 - 2 * g) / dn) / static_cast<double>(m);
  }
  std::vector<double> v0(npwrs, 0.0), v1(npwrs, 0.0);
  v1[0] = 1.0;
  std::int64_t v0s = 0, v1s = 0, e = 0, j1 = 0, j2 = 0;
  pomeranz_bounds(0, n, ll, ceilf, roundf, j1, j2);
  for (std::int64_t i = 1; i <= 2 * n + 1; ++i) {
    const std::int64_t k1 = j1;
    v0.swap(v1);
    std::swap(v0s, v1s);
    std::fill(v1.begin(), v1.end(), 0.0);
    pomeranz_bounds(i, n, ll, ceilf, roundf, j1, j2);
    const std::vector<double>& pw = (i == 1 || i == 2 * n + 1) ? gp : (i % 2 ? g2p : om2gp);
    const std::int64_t ln2 = j2 - k1 + 1;
    if (ln2 <= 0) continue;
    // a = v0[k1 - v0s, k1 - v0s + ln2) (clipped to the array), b = pw[0, ln2).
    const std::int64_t a0 = k1 - v0s;
    const std::int64_t la = std::min<std::int64_t>(ln2, static_cast<std::int64_t>(npwrs) - a0);
    const std::int64_t lb = ln2;
    const std::int64_t start = j1 - k1;
    const std::int64_t len = j2 - j1 + 1;
    double vmax = 0.0;
    for (std::int64_t r = 0; r < len; ++r) {
      const std::int64_t kk = start + r;  // index into the full convolution
      double s = 0.0;
      for (std::int64_t ia = std::max<std::int64_t>(0, kk - (lb - 1)); ia <= std::min(la - 1, kk);
           ++ia) {
        s += v0[static_cast<std::size_t>(a0 + ia)] * pw[static_cast<std::size_t>(kk - ia)];
      }
      v1[static_cast<std::size_t>(r)] = s;
      vmax = std::max(vmax, s);
    }
    if (vmax > 0 && vmax < kSmall) {
      for (double& x : v1) x *= kBig;
      e -= kScaleExp;
    }
    v1s = v0s + j1 - k1;
  }
  double ans = v1[static_cast<std::size_t>(n - v1s)];
  for (std::int64_t m = 1; m <= n; ++m) {
    if (std::fabs(ans) > kBig) {
      ans *= kSmall;
      e += kScaleExp;
    }
    ans *= static_cast<double>(m);
  }
  return std::ldexp(ans, static_cast<int>(e));
}

// P(D_n <= x) by the Pelz-Good asymptotic expansion.
double pelz_good_cdf(std::int64_t n, double x) {
  if (x <= 0.0) return 0.0;
  if (x >= 1.0) return 1.0;
  constexpr double kPi2 = std::numbers::pi * std::numbers::pi;
  const double kSqrt2Pi = std::sqrt(2 * std::numbers::pi);
  const double dn = static_cast<double>(n);
  const double z = std::sqrt(dn) * x;
  const double z2 = z * z, z3 = z2 * z, z4 = z2 * z2, z6 = z4 * z2;
  const double qlog = -kPi2 / 8 / z2;
  if (qlog < -708) return 0.0;
  double q = std::exp(qlog);
  const double k1a = -z2, k1b = kPi2 / 4;
  const double k2a = 6 * z6 + 2 * z4, k2b = (2 * z4 - 5 * z2) * kPi2 / 4,
               k2c = kPi2 * kPi2 * (1 - 2 * z2) / 16;
  const double k3d = kPi2 * kPi2 * kPi2 * (5 - 30 * z2) / 64,
               k3c = kPi2 * kPi2 * (-60 * z2 + 212 * z4) / 16,
               k3b = kPi2 * (135 * z4 - 96 * z6) / 4, k3a = -30 * z6 - 90 * z4 * z4;
  double K[4] = {0, 0, 0, 0};
  const int maxk = static_cast<int>(std::ceil(16 * z / std::numbers::pi));
  for (int k = maxk; k > 0; --k) {
    const double m = 2.0 * k - 1, m2 = m * m, m4 = m2 * m2, m6 = m4 * m2;
    const double qpower = std::pow(q, 8 * k);
    const double coeffs[4] = {1.0, k1a + k1b * m2, k2a + k2b * m2 + k2c * m4,
                              k3a + k3b * m2 + k3c * m4 + k3d * m6};
    for (int i = 0; i < 4; ++i) K[i] = K[i] * qpower + coeffs[i];
  }
  const double denom[4] = {z, 6 * z4, 72 * z4 * z3, 6480 * z6 * z4};
  for (int i = 0; i < 4; ++i) K[i] = K[i] * q * kSqrt2Pi / denom[i];
  q = std::exp(-kPi2 / 2 / z2);
  double k2extra = 0, k3extra = 0;
  const double sqrt3z = std::sqrt(3.0) * z;
  for (int k = maxk; k > 0; --k) {
    const double ksq = static_cast<double>(k) * k;
    const double qp = std::pow(q, ksq);
    k2extra += ksq * qp;
    const double kspi = std::numbers::pi * k;
    k3extra += (sqrt3z + kspi) * (sqrt3z - kspi) * ksq * qp;
  }
  K[2] += k2extra * kPi2 * kSqrt2Pi / (-36 * z3);
  K[3] += k3extra * kPi2 * kSqrt2Pi / (216 * z6);
  double sum = 0;
  for (int i = 0; i < 4; ++i) sum += K[i] / std::pow(dn, i / 2.0);
  return sum;
}

}  // namespace

double smirnov_sf(std::int64_t n, double d) {
  if (n < 1 || !(d >= 0.0 && d <= 1.0))
    throw std::invalid_argument("smirnov_sf: need n >= 1, 0 <= d <= 1");
  if (d == 0.0) return 1.0;
  const double dn = static_cast<double>(n);
  if (-2.0 * dn * d * d < std::log(std::numeric_limits<double>::min())) return 0.0;  // underflows
  if (n > kSmirnovExactMaxN) {
    // The exact sum would take ~n terms; use exp(-(6 n d + 1)^2 / (18 n)) as scipy does.
    const double t = 6.0 * dn * d + 1.0;
    return clip01(std::exp(-t * t / 18.0 / dn));
  }
  const long double ln = static_cast<long double>(n);
  const long double e = d;
  const auto last = static_cast<std::int64_t>(std::floor(dn * (1.0 - d)));
  // Birnbaum-Tingey: d * sum_j C(n,j) (d + j/n)^(j-1) (1 - d - j/n)^(n-j), summed as logs
  // with a running maximum (log-sum-exp); sum holds the terms divided by exp(max_log).
  // The terms rise to one peak and then fall: the loop stops once they are below 1e-22 of
  // the peak and still falling.
  const long double lgn = std::lgamma(ln + 1);
  long double max_log = -std::numeric_limits<long double>::infinity();
  long double prev = max_log;
  long double sum = 0;
  long double lc = 0;  // log C(n, j): exact every 256 terms, updated by a ratio in between
  for (std::int64_t j = 0; j <= last; ++j) {
    if (j % 256 == 0) {
      lc = lgn - std::lgamma(static_cast<long double>(j) + 1) -
           std::lgamma(static_cast<long double>(n - j) + 1);
    } else {
      lc += std::log(static_cast<long double>(n - j + 1) / static_cast<long double>(j));
    }
    const long double ej = e + static_cast<long double>(j) / ln;
    const long double rest = 1.0L - ej;
    if (rest <= 0 && j != n) continue;
    const long double term = lc + static_cast<long double>(j - 1) * std::log(ej) +
                             (j == n ? 0.0L : static_cast<long double>(n - j) * std::log(rest));
    if (term > max_log) {
      sum = sum * std::exp(max_log - term) + 1.0L;
      max_log = term;
    } else {
      sum += std::exp(term - max_log);
      if (term < max_log - 50 && term < prev) break;
    }
    prev = term;
  }
  if (sum == 0) return 0.0;
  return clip01(static_cast<double>(e * sum * std::exp(max_log)));
}

double kolmogorov_sf(std::int64_t n, double x) {
  if (n < 1) throw std::invalid_argument("kolmogorov_sf: need n >= 1");
  if (std::isnan(x)) return x;
  if (x >= 1.0) return 0.0;
  if (x <= 0.0) return 1.0;
  const double dn = static_cast<double>(n);
  const double t = dn * x;
  if (t <= 1.0) {  // Ruben-Gambino: 1/(2n) <= x <= 1/n
    if (t <= 0.5) return 1.0;
    double cdf;
    if (n <= 140) {
      cdf = 1.0;
      for (std::int64_t i = 1; i <= n; ++i)
        cdf *= static_cast<double>(i) * (1.0 / dn) * (2 * t - 1);
    } else {
      cdf = std::exp(log_nfactorial_div_n_pow_n(dn) + dn * std::log(2 * t - 1));
    }
    return clip01(1.0 - cdf);
  }
  if (t >= dn - 1) return clip01(2 * std::pow(1.0 - x, dn));  // Ruben-Gambino
  if (x >= 0.5) return clip01(2 * smirnov_sf(n, x));
  const double nxx = t * x;
  if (n <= 140) {
    if (nxx <= 0.754693) return clip01(1.0 - durbin_cdf(n, x));
    if (nxx <= 4) return clip01(1.0 - pomeranz_cdf(n, x));
    return clip01(2 * smirnov_sf(n, x));
  }
  if (nxx >= 370.0) return 0.0;
  if (nxx >= 2.2) return clip01(2 * smirnov_sf(n, x));
  const double cdf =
      (n <= 100000 && dn * std::pow(x, 1.5) <= 1.4) ? durbin_cdf(n, x) : pelz_good_cdf(n, x);
  return clip01(1.0 - cdf);
}

}  // namespace fleetsim::analysis
