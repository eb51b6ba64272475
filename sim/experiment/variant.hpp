#pragma once
/// A scenario variant ready to be run many times (the scenario of `fleetsim run
/// --replications`, a point of a sweep, a probe of the capacity search), and the source
/// that builds variants from `--set`-style overrides of one base scenario. The CLI
/// implements both (it owns the policy registries); tests may implement them directly.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "sim/experiment/metric_stats.hpp"
#include "sim/scenario/diagnostic.hpp"
#include "sim/scenario/scenario.hpp"

namespace fleetsim::experiment {

/// Called now and then by a running variant with the fraction of simulated time done, in [0, 1].
using FractionCallback = std::function<void(double)>;

class Variant {
 public:
  virtual ~Variant() = default;
  /// The validated scenario (its seed is the base of the replication seeds).
  virtual const scenario::Scenario& scenario() const = 0;
  /// Plays the scenario with `seed` instead of its own on `threads` engine threads and
  /// returns the metrics. Safe to call concurrently. Throws on a broken model invariant.
  virtual Metrics run(std::uint64_t seed, unsigned threads, const FractionCallback& progress) const = 0;
};

/// A variant, or the located problems that prevented it.
struct VariantLoad {
  std::shared_ptr<const Variant> variant;
  std::vector<scenario::Diagnostic> errors;
};

class VariantSource {
 public:
  virtual ~VariantSource() = default;
  /// The base scenario with `overrides` applied (after the source's own), validated, with
  /// its policies built; errors are located (overrides at "<--set>").
  virtual VariantLoad load(const std::vector<std::string>& overrides) const = 0;
  /// The base scenario's text, for result keys (resume).
  virtual const std::string& base_text() const = 0;
};

}  // namespace fleetsim::experiment
