#pragma once
/// Special functions behind the distributions: the regularized incomplete beta function
/// and the standard normal quantile.
///
/// Accuracy: about 1e-14 relative for small shapes. For shapes of 15 or more the
/// prefactor x^a y^b / B(a, b) is formed from Stirling's series differenced analytically
/// (no cancellation between large lgamma values), so precision holds for large shapes
/// (Student t with df in the millions, binomials with large n).

namespace fleetsim::analysis {

/// I_x(a, b) for a, b > 0, 0 <= x <= 1; throws std::invalid_argument otherwise.
/// y must be 1 - x, passed separately so that x close to 1 keeps its precision.
double incomplete_beta(double a, double b, double x, double y);

/// 1 - I_x(a, b), computed without cancellation (y = 1 - x as above).
double incomplete_beta_complement(double a, double b, double x, double y);

/// Convenience form with y = 1 - x.
inline double incomplete_beta(double a, double b, double x) {
  return incomplete_beta(a, b, x, 1.0 - x);
}

/// Standard normal quantile Phi^-1(p) for 0 < p < 1 (-inf / +inf at 0 / 1): Acklam's
/// rational approximation refined by two Halley steps on erfc to full double precision.
double normal_quantile(double p);

}  // namespace fleetsim::analysis
