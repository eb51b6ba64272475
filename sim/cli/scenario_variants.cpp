#include "sim/cli/scenario_variants.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "sim/cli/args.hpp"
#include "sim/model/run.hpp"

namespace fleetsim::cli {

namespace {

class PreparedVariant final : public experiment::Variant {
 public:
  explicit PreparedVariant(Prepared p) : p_(std::move(p)) {}
  const scenario::Scenario& scenario() const override { return p_.scenario; }
  experiment::Metrics run(std::uint64_t seed, unsigned threads,
                          const experiment::FractionCallback& progress) const override {
    scenario::Scenario s = p_.scenario;
    s.seed = seed;
    model::RunOptions opt = run_options(p_);
    opt.threads = threads;
    opt.record_trace = false;
    if (progress) {
      opt.progress = [&progress](Time now, Time end) {
        progress(end > 0 ? static_cast<double>(now) / static_cast<double>(end) : 1.0);
      };
    }
    model::RunOutput out = model::run_scenario(s, *p_.placement, opt);
    return std::move(out.results.metrics);
  }

 private:
  Prepared p_;
};

}  // namespace

std::shared_ptr<const experiment::Variant> make_variant(Prepared prepared) {
  return std::make_shared<PreparedVariant>(std::move(prepared));
}

ScenarioVariants::ScenarioVariants(std::string path) : path_(std::move(path)) {
  std::ifstream in(path_, std::ios::binary);
  if (!in) throw UsageError(path_ + ": cannot read the file: " + std::strerror(errno));
  std::ostringstream text;
  text << in.rdbuf();
  text_ = text.str();
}

experiment::VariantLoad ScenarioVariants::load(const std::vector<std::string>& overrides) const {
  experiment::VariantLoad out;
  std::optional<Prepared> p = try_prepare(path_, overrides, out.errors);
  if (p && out.errors.empty()) out.variant = make_variant(std::move(*p));
  return out;
}

}  // namespace fleetsim::cli
