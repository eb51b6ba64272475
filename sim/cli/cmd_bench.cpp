/// `fleetsim bench phold`: the engine's reference benchmark, printing one JSON object.

#include <cstdio>
#include <string>

#include "sim/cli/args.hpp"
#include "sim/cli/commands.hpp"
#include "sim/io/json.hpp"
#include "sim/cli/scenario_setup.hpp"
#include "sim/model/run.hpp"
#include "sim/phold/phold.hpp"

namespace fleetsim::cli {

namespace {

std::string hex64(std::uint64_t v) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

int bench_phold(int argc, char** argv, int first) {
  const Args args("bench phold",
                  {{"lps", "N", "logical processes (default 1024)"},
                   {"start-events", "M", "initial events per LP (default 16)"},
                   {"lookahead", "L", "minimum delay, time units (default 0.1)"},
                   {"mean", "X", "mean of the exponential extra delay (default 1.0)"},
                   {"remote", "P", "probability an event goes to a random LP (default 0.5)"},
                   {"end", "T", "end time, time units (default 1000)"},
                   {"partitions", "K", "engine partitions (default 1)"},
                   {"threads", "J", "worker threads (default 1)"},
                   {"seed", "S", "random seed (default 1)"},
                   {"queue", "Q", "event queue: heap4 (default), heap2, calendar"}},
                  argc, argv, first);
  if (args.help()) {
    std::printf("%s", args.usage("fleetsim bench phold [options]").c_str());
    return kOk;
  }
  if (!args.positional().empty()) throw UsageError("bench phold: unexpected argument '" + args.positional()[0] + "'");
  phold::Params p;
  p.lps = static_cast<std::uint32_t>(args.u64("lps", p.lps));
  p.start_events = static_cast<std::uint32_t>(args.u64("start-events", p.start_events));
  p.lookahead = args.f64("lookahead", p.lookahead);
  p.mean = args.f64("mean", p.mean);
  p.remote = args.f64("remote", p.remote);
  p.end = args.f64("end", p.end);
  p.partitions = static_cast<std::uint32_t>(args.u64("partitions", p.partitions));
  p.threads = static_cast<unsigned>(args.u64("threads", p.threads));
  p.seed = args.u64("seed", p.seed);
  p.queue = args.str("queue", p.queue);
  if (args.u64("lps", 1) > 0xfffffff0ull) throw UsageError("bench phold: --lps too large");
  if (args.u64("start-events", 1) > 1000000ull) throw UsageError("bench phold: --start-events too large");
  if (args.u64("partitions", 1) > 65536ull || args.u64("threads", 1) > 1024ull) {
    throw UsageError("bench phold: --partitions at most 65536, --threads at most 1024");
  }
  if (const std::string err = phold::validate(p); !err.empty()) throw UsageError("bench phold: " + err);

  const phold::Result r = phold::run(p);
  io::JsonWriter j;
  j.begin_object()
      .field("bench", "phold")
      .field("lps", p.lps)
      .field("start_events", p.start_events)
      .field("lookahead", p.lookahead)
      .field("mean", p.mean)
      .field("remote", p.remote)
      .field("end", p.end)
      .field("partitions", p.partitions)
      .field("threads", p.threads)
      .field("seed", p.seed)
      .field("queue", p.queue)
      .field("events", r.events)
      .field("messages", r.messages)
      .field("windows", r.windows)
      .field("wall_s", r.wall_s)
      .field("events_per_s", r.events_per_s)
      .field("peak_rss_mb", r.peak_rss_mb)
      .field("pending", r.pending)
      .field("checksum", hex64(r.checksum))
      .end_object();
  std::printf("%s\n", j.str().c_str());
  return kOk;
}

/// Placement cost against zone size: one zone of N hosts (64 cpu, 256 GiB) filled to a
/// share of its cpu with 2-cpu replicas, then batch jobs placed into what is left. Prints
/// the cost per placement, which must stay flat as N grows (the index, not a scan).
int bench_placement(int argc, char** argv, int first) {
  const Args args("bench placement",
                  {{"hosts", "N", "hosts in the zone (default 10000)"},
                   {"policy", "NAME", "placement policy (default best-fit)"},
                   {"fill", "F", "share of cpu taken by replicas, 0..0.95 (default 0.7)"},
                   {"spread", "LEVEL", "none | rack | host (default none)"}},
                  argc, argv, first);
  if (args.help()) {
    std::printf("%s", args.usage("fleetsim bench placement [options]").c_str());
    return kOk;
  }
  const std::uint64_t hosts = args.u64("hosts", 10000);
  const double fill = args.f64("fill", 0.7);
  if (hosts == 0 || hosts > 2000000) throw UsageError("bench placement: --hosts must be within 1..2000000");
  if (!(fill >= 0 && fill <= 0.95)) throw UsageError("bench placement: --fill must be within 0..0.95");
  const std::string spread = args.str("spread", "none");
  scenario::Scenario s;
  s.name = "bench-placement";
  s.duration = seconds(1);
  s.sample_interval = seconds(1);
  scenario::HostType std_type{"std", {}, {}};
  std_type.capacity.v[scenario::kCpu] = 64000;
  std_type.capacity.v[scenario::kMemory] = 256LL << 30;
  s.topology.host_types.push_back(std_type);
  scenario::RegionSpec r;
  r.name = "r";
  r.zones = 1;
  r.hosts_per_rack = 40;
  r.racks.push_back({static_cast<std::int64_t>((hosts + 39) / 40), "std", {}});
  s.topology.regions.push_back(r);
  scenario::Workload w;
  w.name = "svc";
  w.kind = scenario::WorkloadKind::Service;
  w.resources.v[scenario::kCpu] = 2000;
  w.resources.v[scenario::kMemory] = 8LL << 30;
  w.replicas = static_cast<std::int64_t>(fill * static_cast<double>(r.racks[0].racks * 40) * 32);
  if (spread == "rack") w.spread = scenario::SpreadLevel::Rack;
  else if (spread == "host") w.spread = scenario::SpreadLevel::Host;
  else if (spread != "none") throw UsageError("bench placement: --spread must be none, rack or host");
  s.workloads.push_back(w);
  s.policies.placement.name = args.str("policy", "best-fit");
  std::vector<scenario::Diagnostic> errors;
  const auto placement = make_placement(s, errors);
  if (!placement) throw UsageError("bench placement: " + (errors.empty() ? "bad policy" : errors[0].format()));
  model::RunOptions opt;
  const model::RunOutput out = model::run_scenario(s, *placement, opt);
  const double placed = out.results.metrics.at("service.svc.replicas_mean");
  const double run_s = out.wall_s - out.setup_s;
  io::JsonWriter j;
  j.begin_object()
      .field("bench", "placement")
      .field("policy", s.policies.placement.name)
      .field("spread", spread)
      .field("hosts", static_cast<std::uint64_t>(r.racks[0].racks * 40))
      .field("placements", placed)
      .field("setup_s", out.setup_s)
      .field("place_s", run_s)
      .field("ns_per_placement", placed > 0 ? run_s / placed * 1e9 : 0.0)
      .field("peak_rss_mb", phold::peak_rss_mb())
      .end_object();
  std::printf("%s\n", j.str().c_str());
  return kOk;
}

}  // namespace

int cmd_bench(int argc, char** argv, int first) {
  if (first >= argc || std::string(argv[first]) == "--help" || std::string(argv[first]) == "-h") {
    std::printf("usage: fleetsim bench <benchmark> [options]\n\nbenchmarks:\n"
                "  phold      the PHOLD engine benchmark\n"
                "  placement  placement cost against zone size\n");
    return first >= argc ? kBadInput : kOk;
  }
  const std::string which = argv[first];
  if (which == "phold") return bench_phold(argc, argv, first + 1);
  if (which == "placement") return bench_placement(argc, argv, first + 1);
  throw UsageError("bench: unknown benchmark '" + which + "' (known: phold, placement)");
}

}  // namespace fleetsim::cli
