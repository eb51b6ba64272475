/// `fleetsim bench phold`: the engine's reference benchmark, printing one JSON object.

#include <cstdio>
#include <string>

#include "sim/cli/args.hpp"
#include "sim/cli/commands.hpp"
#include "sim/io/json.hpp"
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

}  // namespace

int cmd_bench(int argc, char** argv, int first) {
  if (first >= argc || std::string(argv[first]) == "--help" || std::string(argv[first]) == "-h") {
    std::printf("usage: fleetsim bench <benchmark> [options]\n\nbenchmarks:\n"
                "  phold      the PHOLD engine benchmark\n");
    return first >= argc ? kBadInput : kOk;
  }
  const std::string which = argv[first];
  if (which == "phold") return bench_phold(argc, argv, first + 1);
  throw UsageError("bench: unknown benchmark '" + which + "' (known: phold)");
}

}  // namespace fleetsim::cli
