/// `fleetsim describe [PREFIX] [--json-schema]`: every scenario field with its type,
/// unit, default and help, or the JSON Schema generated from the same declarations.

#include <cstdio>
#include <string>

#include "sim/cli/args.hpp"
#include "sim/cli/commands.hpp"
#include "policies/remediation/api.hpp"
#include "policies/rollout/api.hpp"
#include "policies/scheduling/api.hpp"
#include "policies/scheduling/queue_api.hpp"
#include "sim/experiment/experiment_spec.hpp"
#include "sim/scenario/describe.hpp"

namespace fleetsim::cli {

int cmd_describe(int argc, char** argv, int first) {
  const Args args("describe",
                  {{"json-schema", "", "print the scenario's JSON Schema (draft-07) instead"},
                   {"sweep", "", "list the fields of a sweep file (fleetsim sweep) instead"},
                   {"plan", "", "list the fields of a capacity plan file (fleetsim plan) instead"}},
                  argc, argv, first);
  if (args.help()) {
    std::printf("%s", args.usage("fleetsim describe [PREFIX] [--json-schema]").c_str());
    std::printf(
        "\nLists every scenario field (path, type, unit, default, help); PREFIX keeps the paths "
        "that\n"
        "start with it, e.g. 'fleetsim describe spec.workloads'.\n");
    return kOk;
  }
  if (args.positional().size() > 1) throw UsageError("describe: at most one PREFIX (see --help)");
  if (args.flag("json-schema")) {
    if (!args.positional().empty()) throw UsageError("describe: --json-schema takes no PREFIX");
    std::fputs(scenario::scenario_json_schema().c_str(), stdout);
    return kOk;
  }
  const std::string prefix = args.positional().empty() ? "" : args.positional()[0];
  if (args.flag("sweep") || args.flag("plan")) {  // sim/experiment/experiment_spec.hpp
    const bool sweep = args.flag("sweep");
    std::fputs(scenario::describe_document_fields(
                   sweep ? experiment::sweep_document() : experiment::plan_document(),
                   sweep ? "fleetsim sweep file fields" : "fleetsim plan file fields", prefix)
                   .c_str(),
               stdout);
    return kOk;
  }
  const std::string text = scenario::describe_scenario_fields(prefix);
  std::fputs(text.c_str(), stdout);
  if (!prefix.empty()) return kOk;
  // Every registered policy, family by family, with its declared parameters.
  policies::PlacementRegistry placement("placement");
  policies::register_builtin_placement(placement);
  std::printf("\n%s", policies::describe_policies("placement (spec.policies.placement)", placement.list()).c_str());
  policies::RolloutRegistry rollout("rollout");
  policies::register_builtin_rollout(rollout);
  std::printf("\n%s", policies::describe_policies("rollout (spec.operations.upgrades[].strategy, "
                                                  "spec.operations.rollouts[].strategy)",
                                                  rollout.list())
                          .c_str());
  policies::QueueRegistry queue("queue");
  policies::register_builtin_queue(queue);
  std::printf("\n%s", policies::describe_policies("queue (spec.policies.queue)", queue.list()).c_str());
  policies::RemediationRegistry remediation("remediation");
  policies::register_builtin_remediation(remediation);
  std::printf("\n%s", policies::describe_policies("remediation (spec.operations.remediation.policy)",
                                                  remediation.list())
                          .c_str());
  return kOk;
}

}  // namespace fleetsim::cli
