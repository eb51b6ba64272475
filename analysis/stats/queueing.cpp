#include "analysis/stats/queueing.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

#include "analysis/stats/special_functions.hpp"

namespace fleetsim::analysis {

double erlang_b(double a, std::int64_t servers) {
  if (!(a >= 0) || !std::isfinite(a) || servers < 0) {
    throw std::invalid_argument("Erlang B: need a finite offered load >= 0 and servers >= 0");
  }
  double b = 1.0;
  for (std::int64_t k = 1; k <= servers; ++k) b = a * b / (static_cast<double>(k) + a * b);
  return b;
}

MmcResult erlang_c(double lambda, double mu, std::int64_t c) {
  if (!(lambda > 0) || !(mu > 0) || c < 1 || !std::isfinite(lambda) || !std::isfinite(mu)) {
    throw std::invalid_argument("M/M/c: need lambda > 0, mu > 0 and at least one server");
  }
  const double a = lambda / mu;
  const double dc = static_cast<double>(c);
  if (!(a < dc)) {
    throw std::invalid_argument("M/M/c: unstable, lambda / (c mu) = " + std::to_string(a / dc) +
                                " must be below 1");
  }
  const double b = erlang_b(a, c);
  MmcResult r;
  r.utilisation = a / dc;
  r.wait_probability = dc * b / (dc - a * (1.0 - b));
  r.mean_wait_s = r.wait_probability / (dc * mu - lambda);
  r.mean_response_s = r.mean_wait_s + 1.0 / mu;
  r.mean_queue_length = lambda * r.mean_wait_s;
  return r;
}

double mmc_wait_exceeds(double lambda, double mu, std::int64_t servers, double t_s) {
  const MmcResult r = erlang_c(lambda, mu, servers);
  if (t_s < 0) return 1.0;
  return r.wait_probability * std::exp(-(static_cast<double>(servers) * mu - lambda) * t_s);
}

double steady_state_availability(double mttf, double mttr) {
  if (!(mttf >= 0) || !(mttr >= 0) || !(mttf + mttr > 0) || !std::isfinite(mttf + mttr)) {
    throw std::invalid_argument("availability: need finite mttf, mttr >= 0, not both 0");
  }
  return mttf / (mttf + mttr);
}

namespace {

void check_kn(std::int64_t n, double p) {
  if (n < 0 || !(p >= 0 && p <= 1)) {
    throw std::invalid_argument("k-out-of-n: need n >= 0 and 0 <= p <= 1, got n=" +
                                std::to_string(n) + ", p=" + std::to_string(p));
  }
}

}  // namespace

double k_out_of_n_availability(std::int64_t k, std::int64_t n, double p) {
  check_kn(n, p);
  if (k <= 0) return 1.0;
  if (k > n) return 0.0;
  // P(X >= k) for X ~ Binomial(n, p) equals I_p(k, n - k + 1).
  return incomplete_beta(static_cast<double>(k), static_cast<double>(n - k + 1), p, 1.0 - p);
}

double k_out_of_n_unavailability(std::int64_t k, std::int64_t n, double p) {
  check_kn(n, p);
  if (k <= 0) return 0.0;
  if (k > n) return 1.0;
  return incomplete_beta_complement(static_cast<double>(k), static_cast<double>(n - k + 1), p,
                                    1.0 - p);
}

}  // namespace fleetsim::analysis
