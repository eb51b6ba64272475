#pragma once
/// Exact time integral of a piecewise-constant quantity over [from, now), used for
/// online time averages (utilisation, hosts up) that ignore the warm-up period.

#include <algorithm>

#include "sim/core/time.hpp"

namespace fleetsim::model {

struct Integrator {
  double value = 0;  ///< current level
  double area = 0;   ///< integral of the level over [from, last), level x microseconds
  Time last = 0;

  void advance(Time now, Time from) {
    const Time a = std::max(last, from);
    if (now > a) area += value * static_cast<double>(now - a);
    last = std::max(last, now);
  }
  void add(Time now, Time from, double delta) {
    advance(now, from);
    value += delta;
  }
  void set(Time now, Time from, double v) {
    advance(now, from);
    value = v;
  }
};

}  // namespace fleetsim::model
