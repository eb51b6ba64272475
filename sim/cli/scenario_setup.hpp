#pragma once
/// Shared by run, sweep and plan: load a scenario (with --set overrides), build its
/// policies from the registries, and report every problem with its location.

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "sim/model/placement.hpp"
#include "sim/scenario/diagnostic.hpp"
#include "sim/scenario/scenario.hpp"

namespace fleetsim::cli {

/// A loaded scenario and the policy factories it names.
struct Prepared {
  scenario::Scenario scenario;
  std::unique_ptr<model::PlacementFactory> placement;
};

/// Loads and checks everything; on problems prints each diagnostic to `err` and throws
/// UsageError (exit code 2).
Prepared prepare(const std::string& path, const std::vector<std::string>& overrides, std::FILE* err);

/// Builds the policies of an already loaded scenario; problems are appended to errors.
std::unique_ptr<model::PlacementFactory> make_placement(const scenario::Scenario& s,
                                                        std::vector<scenario::Diagnostic>& errors);

/// Metric names a scenario's assertions may use that are not produced by the run
/// (checked before time 0 against the names the model will produce).
std::vector<scenario::Diagnostic> check_assertion_metrics(const scenario::Scenario& s,
                                                          const std::vector<std::string>& known);

}  // namespace fleetsim::cli
