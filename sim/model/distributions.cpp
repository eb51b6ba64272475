#include "sim/model/distributions.hpp"

#include <cmath>

#include <boost/random/exponential_distribution.hpp>
#include <boost/random/gamma_distribution.hpp>
#include <boost/random/lognormal_distribution.hpp>
#include <boost/random/uniform_int_distribution.hpp>
#include <boost/random/uniform_real_distribution.hpp>
#include <boost/random/weibull_distribution.hpp>

namespace fleetsim::model {

using Kind = scenario::Distribution::Kind;

double sample(const scenario::Distribution& d, core::Rng& rng) {
  switch (d.kind) {
    case Kind::Fixed: return d.a;
    case Kind::Exponential: return boost::random::exponential_distribution<double>(1.0 / d.a)(rng);
    case Kind::Weibull: return boost::random::weibull_distribution<double>(d.a, d.b)(rng);
    case Kind::Lognormal:
      return boost::random::lognormal_distribution<double>(std::log(d.a), d.b)(rng);
    case Kind::Gamma: return boost::random::gamma_distribution<double>(d.a, d.b)(rng);
    case Kind::Uniform: return boost::random::uniform_real_distribution<double>(d.a, d.b)(rng);
    case Kind::Empirical: {
      if (d.samples.empty()) return 0.0;
      boost::random::uniform_int_distribution<std::size_t> pick(0, d.samples.size() - 1);
      return d.samples[pick(rng)];
    }
  }
  return 0.0;
}

Duration sample_duration(const scenario::Distribution& d, core::Rng& rng) {
  const double s = sample(d, rng);
  if (!(s > 0)) return 0;
  if (s > 9.0e12) return static_cast<Duration>(9.0e18);
  return static_cast<Duration>(std::llround(s * 1e6));
}

}  // namespace fleetsim::model
