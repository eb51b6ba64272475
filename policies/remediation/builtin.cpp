#include <algorithm>
#include <stdexcept>

#include "policies/remediation/api.hpp"

namespace fleetsim::policies {

namespace {

using model::ActionInfo;
using model::RemediationView;

std::uint32_t index_of(const std::vector<ActionInfo>& table, const std::string& name) {
  for (std::uint32_t i = 0; i < table.size(); ++i) {
    if (table[i].name == name) return i;
  }
  throw std::logic_error("remediation action '" + name + "' is not in the table");
}

/// Climbs `steps` one rung per failed action; the last rung repeats until it works.
class Ladder final : public model::RemediationPolicy {
 public:
  Ladder(std::string name, std::vector<std::uint32_t> steps, std::optional<Duration> repeat_window)
      : name_(std::move(name)), steps_(std::move(steps)), repeat_window_(repeat_window) {}
  std::string_view name() const override { return name_; }
  std::uint32_t decide(const RemediationView& v) const override {
    // A repeat offender (failed again soon after its previous failure) skips to the top.
    if (repeat_window_ && v.since_previous_fault && *v.since_previous_fault < *repeat_window_) return steps_.back();
    return steps_[std::min<std::size_t>(v.attempt, steps_.size() - 1)];
  }

 private:
  std::string name_;
  std::vector<std::uint32_t> steps_;
  std::optional<Duration> repeat_window_;
};

class LadderFactory final : public model::RemediationFactory {
 public:
  LadderFactory(std::string name, std::vector<std::string> steps, std::optional<Duration> repeat_window)
      : name_(std::move(name)), steps_(std::move(steps)), repeat_window_(repeat_window) {}
  std::vector<std::string> actions() const override { return steps_; }
  std::unique_ptr<model::RemediationPolicy> make(const std::vector<ActionInfo>& table) const override {
    std::vector<std::uint32_t> idx;
    for (const auto& s : steps_) idx.push_back(index_of(table, s));
    return std::make_unique<Ladder>(name_, std::move(idx), repeat_window_);
  }

 private:
  std::string name_;
  std::vector<std::string> steps_;
  std::optional<Duration> repeat_window_;
};

const ParamSpec kSteps{"steps", ParamType::List, "actions", "reboot,reimage,replace",
                       "the ladder, first rung first; each a name in the action table", {}};

std::vector<std::string> steps_of(const Params& p) {
  std::vector<std::string> steps = p.list("steps");
  if (steps.empty()) p.error("steps", "the ladder needs at least one step");
  if (steps.empty()) steps.push_back("repair");
  return steps;
}

}  // namespace

void register_builtin_remediation(RemediationRegistry& r) {
  r.add({"",
         "ladder",
         "automation first: reboot, then reimage, then a person replaces the host; each failed action "
         "escalates one rung, the last rung repeats until it works",
         {kSteps}},
        [](const Params& p) { return std::make_unique<LadderFactory>("ladder", steps_of(p), std::nullopt); });
  r.add({"",
         "replace-first",
         "the ladder, except that a host failing again within repeat_window of its previous failure "
         "goes straight to the last rung (no point rebooting a repeat offender)",
         {kSteps,
          {"repeat_window", ParamType::Duration, "s", "30d",
           "a failure this soon after the host's previous one skips the automatic rungs", {}}}},
        [](const Params& p) {
          return std::make_unique<LadderFactory>("replace-first", steps_of(p),
                                                 std::optional<Duration>(p.duration("repeat_window")));
        });
  r.add({"",
         "manual",
         "no automation: every failure is paged to a person who does one action (by default `repair`, "
         "the failure's repair distribution), repeated until it works",
         {{"action", ParamType::Text, "", "repair", "the action a person takes", {}}}},
        [](const Params& p) {
          return std::make_unique<LadderFactory>("manual", std::vector<std::string>{p.text("action")}, std::nullopt);
        });
}

}  // namespace fleetsim::policies
