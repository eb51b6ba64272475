#pragma once
/// The CLI's side of sim/experiment: scenarios prepared as the `run` command prepares
/// them (policies from the registries, replay inputs) and offered as experiment variants.

#include <memory>
#include <string>
#include <vector>

#include "sim/cli/scenario_setup.hpp"
#include "sim/experiment/variant.hpp"

namespace fleetsim::cli {

/// A prepared scenario as a variant: run(seed) plays a copy with that seed.
std::shared_ptr<const experiment::Variant> make_variant(Prepared prepared);

/// Variants of one scenario file under overrides.
class ScenarioVariants final : public experiment::VariantSource {
 public:
  /// Reads the file once (its text keys stored results); throws UsageError when unreadable.
  explicit ScenarioVariants(std::string path);
  experiment::VariantLoad load(const std::vector<std::string>& overrides) const override;
  const std::string& base_text() const override { return text_; }

 private:
  std::string path_;
  std::string text_;
};

}  // namespace fleetsim::cli
