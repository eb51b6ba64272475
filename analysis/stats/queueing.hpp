#pragma once
/// Closed forms the validation tests compare the simulator against: M/M/c queueing
/// (Erlang B and C) and steady-state / k-out-of-n availability.

#include <cstdint>

namespace fleetsim::analysis {

/// Erlang B blocking probability of c servers offered a = lambda / mu erlangs, by the
/// stable recurrence B(0) = 1, B(k) = a B(k-1) / (k + a B(k-1)); a >= 0, c >= 0.
double erlang_b(double offered_load, std::int64_t servers);

/// M/M/c: Poisson arrivals at rate lambda, exponential service at rate mu per server,
/// c identical servers, FIFO, infinite queue. Rates in events per second (any one unit:
/// the times come out in its inverse).
struct MmcResult {
  double utilisation = 0;        ///< rho = lambda / (c mu), < 1
  double wait_probability = 0;   ///< Erlang C: P(an arrival waits) = c B / (c - a (1 - B))
  double mean_wait_s = 0;        ///< E[W_q] = C / (c mu - lambda), seconds
  double mean_response_s = 0;    ///< E[W_q] + 1 / mu, seconds
  double mean_queue_length = 0;  ///< E[L_q] = lambda E[W_q] (Little)
};

/// Closed form for M/M/c; throws std::invalid_argument unless lambda > 0, mu > 0, c >= 1
/// and lambda < c mu. Stable for c in the thousands (no factorials or powers).
MmcResult erlang_c(double lambda, double mu, std::int64_t servers);

/// P(W_q > t) = C exp(-(c mu - lambda) t) for an M/M/c FIFO queue; t in seconds.
double mmc_wait_exceeds(double lambda, double mu, std::int64_t servers, double t_s);

/// Steady-state availability of an alternating up/down process: mttf / (mttf + mttr).
double steady_state_availability(double mttf, double mttr);

/// P(at least k of n independent components are up), each up with probability p:
/// sum_{i >= k} C(n, i) p^i (1 - p)^(n - i), via the regularized incomplete beta
/// I_p(k, n - k + 1). 1 for k <= 0, 0 for k > n.
double k_out_of_n_availability(std::int64_t k, std::int64_t n, double p);

/// 1 - k_out_of_n_availability, computed directly so that tiny unavailabilities
/// (1e-12) keep their relative precision.
double k_out_of_n_unavailability(std::int64_t k, std::int64_t n, double p);

}  // namespace fleetsim::analysis
