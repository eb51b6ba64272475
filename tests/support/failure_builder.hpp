#pragma once
/// Builds failure processes, remediation and on-call teams for model tests (no YAML).

#include <string>

#include "sim/scenario/scenario.hpp"

namespace fleetsim::testing {

/// A failure process: `target` components fail after time_to_failure, repair after repair.
inline scenario::FailureSpec failure(std::string target, scenario::Distribution ttf, scenario::Distribution repair) {
  scenario::FailureSpec f;
  f.target = std::move(target);
  f.time_to_failure = ttf;
  f.repair = repair;
  return f;
}

inline scenario::PolicySpec policy(std::string name) {
  scenario::PolicySpec p;
  p.name = std::move(name);
  return p;
}

/// A policy param given as a list of words.
inline void list_param(scenario::PolicySpec& p, const std::string& key, std::vector<std::string> values) {
  scenario::PolicyParam v;
  v.is_list = true;
  v.list = std::move(values);
  p.params[key] = v;
}

inline scenario::Remediation remediation(std::string policy_name) {
  scenario::Remediation r;
  r.policy = policy(std::move(policy_name));
  return r;
}

/// Overrides a (built-in) action of the table.
inline scenario::RemediationAction action(std::string name, std::optional<double> success,
                                          std::optional<scenario::Distribution> duration = std::nullopt) {
  scenario::RemediationAction a;
  a.name = std::move(name);
  a.success = success;
  a.duration = duration;
  return a;
}

inline scenario::OncallTeam team(std::string name, std::int64_t people) {
  scenario::OncallTeam t;
  t.team = std::move(name);
  t.people = people;
  return t;
}

}  // namespace fleetsim::testing
