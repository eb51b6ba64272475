/// The built-in rollout policies: rolling (hosts and services), waves (hosts), canary and
/// blue-green (services). Each plans its batches; all judge them with the standard gate.

#include <algorithm>
#include <functional>
#include <map>

#include "policies/rollout/api.hpp"
#include "sim/scenario/units.hpp"

namespace fleetsim::policies {

namespace {

using model::RolloutSubject;
using model::RolloutTarget;
using model::ServiceStep;
using Waves = std::vector<std::vector<std::uint32_t>>;

/// Every target in one wave, in host id order, or round-robin over zones ("interleave").
Waves one_wave(const std::vector<RolloutTarget>& targets, bool interleave) {
  Waves w(1);
  if (!interleave) {
    for (std::uint32_t i = 0; i < targets.size(); ++i) w[0].push_back(i);
    return w;
  }
  std::map<model::ZoneId, std::vector<std::uint32_t>> by_zone;
  for (std::uint32_t i = 0; i < targets.size(); ++i) by_zone[targets[i].zone].push_back(i);
  for (std::size_t k = 0; w[0].size() < targets.size(); ++k) {
    for (const auto& [z, list] : by_zone) {
      if (k < list.size()) w[0].push_back(list[k]);
    }
  }
  return w;
}

/// A policy with fixed waves or steps; the gate is the standard one.
class Planned final : public model::RolloutPolicy {
 public:
  using WaveFn = std::function<Waves(const std::vector<RolloutTarget>&)>;
  Planned(std::string_view name, WaveFn waves, std::vector<ServiceStep> steps)
      : name_(name), waves_(std::move(waves)), steps_(std::move(steps)) {}
  std::string_view name() const override { return name_; }
  Waves plan_waves(const std::vector<RolloutTarget>& t) override { return waves_ ? waves_(t) : one_wave(t, false); }
  std::vector<ServiceStep> plan_steps() override { return steps_; }

 private:
  std::string_view name_;
  WaveFn waves_;
  std::vector<ServiceStep> steps_;
};

class PlannedFactory final : public model::RolloutFactory {
 public:
  PlannedFactory(std::string_view name, bool hosts, bool services, Planned::WaveFn waves,
                 std::vector<ServiceStep> steps)
      : name_(name), hosts_(hosts), services_(services), waves_(std::move(waves)), steps_(std::move(steps)) {}
  std::string_view name() const override { return name_; }
  bool applies_to(RolloutSubject s) const override { return s == RolloutSubject::Hosts ? hosts_ : services_; }
  std::unique_ptr<model::RolloutPolicy> make() const override {
    return std::make_unique<Planned>(name_, waves_, steps_);
  }

 private:
  std::string_view name_;
  bool hosts_, services_;
  Planned::WaveFn waves_;
  std::vector<ServiceStep> steps_;
};

/// Parses a list of cumulative shares ("1%, 10%, 100%"): increasing, ending at 100%.
std::vector<double> shares(const Params& p, const std::string& name) {
  std::vector<double> out;
  for (const std::string& text : p.list(name)) {
    const auto v = scenario::parse_percent(text);
    if (!v.value || *v.value <= 0) {
      p.error(name, "expected a share above 0% such as 5%, got '" + text + "'");
      return {1.0};
    }
    const double share = *v.value / 100.0;
    if (!out.empty() && share <= out.back()) {
      p.error(name, "steps must increase, but " + text + " follows " + scenario::format_number(out.back() * 100) + "%");
      return {1.0};
    }
    out.push_back(share);
  }
  if (out.empty() || out.back() < 1.0) {
    p.error(name, "the last step must be 100%", "add 100% at the end");
    return {1.0};
  }
  return out;
}

std::optional<scenario::Quantity> quantity(const Params& p, const std::string& name) {
  const auto v = scenario::parse_quantity(p.text(name));
  if (!v.value) {
    p.error(name, v.error);
    return std::nullopt;
  }
  return v.value;
}

/// Waves of whole topology domains (zone, region, rack) in id order.
Waves by_level(const std::vector<RolloutTarget>& targets, const std::string& level) {
  Waves w;
  std::uint64_t last = ~0ull;
  for (std::uint32_t i = 0; i < targets.size(); ++i) {
    const RolloutTarget& t = targets[i];
    const std::uint64_t key = level == "region" ? t.region : level == "rack" ? t.rack : t.zone;
    if (w.empty() || key != last) w.emplace_back();
    w.back().push_back(i);
    last = key;
  }
  return w;
}

/// Waves that bring the cumulative share of targets to each step (at least one host each).
Waves by_share(const std::vector<RolloutTarget>& targets, const std::vector<double>& steps, bool interleave) {
  const std::vector<std::uint32_t> order = one_wave(targets, interleave)[0];
  Waves w;
  std::size_t done = 0;
  for (double s : steps) {
    auto upto = static_cast<std::size_t>(s * static_cast<double>(order.size()) + 1e-9);
    upto = std::min(order.size(), std::max(upto, done + 1));
    if (upto <= done) continue;
    w.emplace_back(order.begin() + static_cast<std::ptrdiff_t>(done), order.begin() + static_cast<std::ptrdiff_t>(upto));
    done = upto;
  }
  return w;
}

const ParamSpec kBake{"bake", ParamType::Duration, "", "10m",
                      "services: wait after the last batch before the analysis gate", {}};

}  // namespace

void register_builtin_rollout(RolloutRegistry& r) {
  r.add({"",
         "rolling",
         "hosts: one wave, max_unavailable hosts at a time; services: replace replicas in place, "
         "max_surge extra and max_unavailable missing per batch and zone, one analysis at the end",
         {{"order", ParamType::Text, "", "id", "hosts: host id order, or round-robin over zones",
           {"id", "interleave"}},
          {"max_surge", ParamType::Text, "replicas or %", "25%",
           "services: extra replicas per zone during a batch", {}},
          {"max_unavailable", ParamType::Text, "replicas or %", "0",
           "services: missing replicas per zone during a batch", {}},
          kBake}},
        [](const Params& p) {
          ServiceStep step;
          step.bake = p.duration("bake");
          step.surge = quantity(p, "max_surge");
          step.unavailable = quantity(p, "max_unavailable");
          if (step.surge && step.unavailable && step.surge->value <= 0 && step.unavailable->value <= 0) {
            p.error("max_surge", "max_surge and max_unavailable are both 0: no replica could ever be replaced",
                    "give one of them a value above 0");
          }
          const bool interleave = p.text("order") == "interleave";
          return std::make_unique<PlannedFactory>(
              "rolling", true, true, [interleave](const auto& t) { return one_wave(t, interleave); },
              std::vector<ServiceStep>{step});
        });
  r.add({"",
         "waves",
         "hosts: waves of whole topology domains (by: zone, region or rack) or of cumulative shares of "
         "the targets (steps: [1%, 10%, 100%]); a bake and a gate after each wave",
         {{"by", ParamType::Text, "", "zone", "topology level of a wave (ignored when steps are given)",
           {"zone", "region", "rack"}},
          {"steps", ParamType::List, "%", "-", "cumulative shares of the targets, ending at 100% ('-': waves by `by`)", {}},
          {"order", ParamType::Text, "", "id", "with steps: host id order, or round-robin over zones",
           {"id", "interleave"}}}},
        [](const Params& p) -> std::unique_ptr<model::RolloutFactory> {
          const std::string by = p.text("by");
          const bool interleave = p.text("order") == "interleave";
          const std::vector<std::string> given = p.list("steps");
          if (given.empty() || (given.size() == 1 && given[0] == "-")) {
            return std::make_unique<PlannedFactory>(
                "waves", true, false, [by](const auto& t) { return by_level(t, by); }, std::vector<ServiceStep>{});
          }
          const std::vector<double> steps = shares(p, "steps");
          return std::make_unique<PlannedFactory>(
              "waves", true, false, [steps, interleave](const auto& t) { return by_share(t, steps, interleave); },
              std::vector<ServiceStep>{});
        });
  r.add({"",
         "canary",
         "services: steps of growing share (traffic follows the share), each baked and judged by the "
         "analysis gate on the new release's error rate",
         {{"steps", ParamType::List, "%", "5%,25%,50%,100%", "cumulative shares of replicas, ending at 100%", {}},
          {"bake", ParamType::Duration, "", "30m", "wait after each step before its analysis", {}}}},
        [](const Params& p) {
          std::vector<ServiceStep> steps;
          for (double s : shares(p, "steps")) {
            ServiceStep st;
            st.share = s;
            st.traffic = s;
            st.bake = p.duration("bake");
            steps.push_back(st);
          }
          return std::make_unique<PlannedFactory>("canary", false, true, nullptr, std::move(steps));
        });
  r.add({"",
         "blue-green",
         "services: a full new set next to the old one, traffic switched to it, judged after the bake; "
         "the old set is removed when it passes, the new one when it fails",
         {{"bake", ParamType::Duration, "", "30m", "wait after the switch before the analysis", {}}}},
        [](const Params& p) {
          ServiceStep st;
          st.parallel = true;
          st.bake = p.duration("bake");
          return std::make_unique<PlannedFactory>("blue-green", false, true, nullptr, std::vector<ServiceStep>{st});
        });
}

}  // namespace fleetsim::policies
