#include "sim/cli/run_report.hpp"

#include <cmath>

#include "sim/io/atomic_file.hpp"
#include "sim/io/json.hpp"
#include "sim/io/trace_writer.hpp"

#ifndef FLEETSIM_VERSION
#define FLEETSIM_VERSION "0.0.0"
#endif

namespace fleetsim::cli {

std::string summary_json(const scenario::Scenario& s, const model::RunOutput& out,
                         const std::vector<AssertionResult>& verdicts, unsigned threads) {
  io::JsonWriter j(true);
  j.begin_object();
  j.field("scenario", s.name);
  j.field("seed", s.seed);
  j.field("sim_time_s", to_seconds(out.end));
  j.field("events", out.events);
  j.field("wall_s", out.wall_s);
  j.field("threads", threads);
  j.field("partitions", out.partitions);
  j.field("windows", out.windows);
  j.field("messages", out.messages);
  j.key("overrides").begin_array();
  for (const auto& o : s.overrides) j.value(o);
  j.end_array();
  j.key("metrics").begin_object();
  for (const auto& [name, value] : out.results.metrics) j.field(name, value);
  j.end_object();
  j.key("assertions").begin_array();
  for (const AssertionResult& r : verdicts) {
    j.begin_object();
    j.field("metric", r.assertion.metric);
    j.field("op", r.assertion.op);
    j.field("value", r.assertion.value);
    j.field("value_text", r.assertion.value_text);
    j.key("actual");
    if (r.found) j.value(r.actual); else j.null();
    j.field("pass", r.pass);
    j.end_object();
  }
  j.end_array();
  j.end_object();
  return j.str() + "\n";
}

void print_summary(std::FILE* to, const scenario::Scenario& s, const model::RunOutput& out,
                   const std::vector<AssertionResult>& verdicts) {
  std::fprintf(to, "scenario %s  seed %llu  simulated %s  events %llu  wall %.2fs (%.2f M events/s)\n",
               s.name.c_str(), static_cast<unsigned long long>(s.seed), format_duration(out.end).c_str(),
               static_cast<unsigned long long>(out.events), out.wall_s,
               out.wall_s > 0 ? static_cast<double>(out.events) / out.wall_s / 1e6 : 0.0);
  std::fprintf(to, "\n  %-52s %s\n", "metric", "value");
  for (const auto& [name, value] : out.results.metrics) std::fprintf(to, "  %-52s %.6g\n", name.c_str(), value);
  if (!verdicts.empty()) {
    std::fprintf(to, "\n  %-6s %-44s %-4s %-14s %s\n", "result", "assertion", "op", "expected", "actual");
    for (const AssertionResult& r : verdicts) {
      std::fprintf(to, "  %-6s %-44s %-4s %-14s %s\n", r.pass ? "PASS" : "FAIL", r.assertion.metric.c_str(),
                   r.assertion.op.c_str(), r.assertion.value_text.c_str(),
                   r.found ? io::format_double(r.actual).c_str() : "(no such metric)");
    }
  }
}

void write_trace_file(const std::string& path, const scenario::Scenario& s, const model::RunOutput& out) {
  io::TraceHeader h;
  h.scenario_name = s.name;
  h.scenario_text = s.source_text;
  h.seed = s.seed;
  h.fleetsim_version = FLEETSIM_VERSION;
  h.overrides = s.overrides;
  h.duration_us = s.duration;
  h.sample_interval_us = s.sample_interval;
  h.provenance["scenario_file"] = s.source_file;
  io::TraceWriter w(path, h);
  for (const io::NameTable& t : out.names) w.write_names(t);
  w.write_components(out.components);
  w.append_events(out.results.events);
  w.write_series(out.results.sample_times_us, out.results.series);
  for (const io::ColumnTable& t : out.results.tables) w.write_table(t);
  w.commit();
}

void write_text_file(const std::string& path, const std::string& text) {
  io::AtomicTextFile f(path);
  f.stream() << text;
  f.commit();
}

}  // namespace fleetsim::cli
