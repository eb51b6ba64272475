#include "sim/io/chrome_trace.hpp"

#include <cmath>
#include <deque>
#include <map>
#include <set>
#include <tuple>

#include "sim/io/atomic_file.hpp"
#include "sim/io/json.hpp"

namespace fleetsim::io {

namespace {

enum class Role { None, Begin, End };

struct KindRole {
  Role role = Role::None;
  std::string stem;  // the span name
};

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() > suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

KindRole role_of(const std::string& kind) {
  for (const char* b : {"_start", "_begin", "_open"}) {
    if (ends_with(kind, b)) return {Role::Begin, kind.substr(0, kind.size() - std::string(b).size())};
  }
  for (const char* e : {"_end", "_done", "_finish", "_stop", "_close"}) {
    if (ends_with(kind, e)) return {Role::End, kind.substr(0, kind.size() - std::string(e).size())};
  }
  if (ends_with(kind, "_down")) return {Role::Begin, kind};
  if (ends_with(kind, "_up")) return {Role::End, kind.substr(0, kind.size() - 3) + "_down"};
  return {};
}

using Key = std::tuple<std::string, std::int32_t, std::int64_t, std::int32_t>;  // stem, zone, component, workload

const std::vector<std::string>* table(const std::vector<NameTable>& names, const char* which) {
  for (const NameTable& t : names) {
    if (t.name == which) return &t.names;
  }
  return nullptr;
}

std::string name_of(const std::vector<std::string>* t, std::int64_t code) {
  if (code < 0) return "";
  if (t && static_cast<std::size_t>(code) < t->size()) return (*t)[static_cast<std::size_t>(code)];
  return std::to_string(code);
}

}  // namespace

SpanSet pair_spans(const std::vector<TraceEvent>& events, const std::vector<std::string>& kind_names,
                   std::int64_t run_end_us) {
  std::vector<KindRole> roles(kind_names.size());
  for (std::size_t k = 0; k < kind_names.size(); ++k) roles[k] = role_of(kind_names[k]);
  SpanSet out;
  std::map<Key, std::deque<std::size_t>> open;  // key -> indexes into out.spans, oldest first
  for (std::size_t i = 0; i < events.size(); ++i) {
    const TraceEvent& e = events[i];
    const KindRole r = e.kind < roles.size() ? roles[e.kind] : KindRole{};
    if (r.role == Role::None) {
      out.instants.push_back(i);
      continue;
    }
    const Key key{r.stem, e.zone, e.component, e.workload};
    if (r.role == Role::Begin) {
      Span s;
      s.name = r.stem;
      s.begin_us = e.time_us;
      s.zone = e.zone;
      s.component = e.component;
      s.workload = e.workload;
      s.begin_value = e.value;
      s.begin_kind = e.kind;
      open[key].push_back(out.spans.size());
      out.spans.push_back(s);
      continue;
    }
    auto it = open.find(key);
    if (it == open.end() || it->second.empty()) {
      out.instants.push_back(i);
      continue;
    }
    auto& q = it->second;
    std::size_t pick = 0;  // the span whose elapsed time the end record carries, else the oldest
    for (std::size_t j = 0; j < q.size(); ++j) {
      const double elapsed_s = static_cast<double>(e.time_us - out.spans[q[j]].begin_us) / 1e6;
      if (std::fabs(elapsed_s - e.value) <= 1e-6) {
        pick = j;
        break;
      }
    }
    Span& s = out.spans[q[pick]];
    s.end_us = e.time_us;
    s.end_value = e.value;
    s.end_kind = e.kind;
    q.erase(q.begin() + static_cast<std::ptrdiff_t>(pick));
  }
  for (auto& [key, q] : open) {
    for (std::size_t idx : q) {
      out.spans[idx].end_us = std::max(run_end_us, out.spans[idx].begin_us);
      out.spans[idx].open_at_end = true;
    }
  }
  return out;
}

std::string chrome_trace_json(const std::vector<TraceEvent>& events, const std::vector<NameTable>& names,
                              const ComponentTable& components, std::int64_t run_end_us,
                              const std::string& run_name) {
  static const std::vector<std::string> none;
  const auto* kinds = table(names, "kind");
  const auto* zones = table(names, "zone");
  const auto* workloads = table(names, "workload");
  const SpanSet set = pair_spans(events, kinds ? *kinds : none, run_end_us);
  std::map<std::int64_t, std::size_t> row_of;  // component id -> table row
  for (std::size_t i = 0; i < components.id.size(); ++i) row_of[components.id[i]] = i;
  auto component_name = [&](std::int64_t c) -> std::string {
    if (c < 0) return "";
    const auto it = row_of.find(c);
    return it != row_of.end() && it->second < components.name.size() ? components.name[it->second]
                                                                      : "component " + std::to_string(c);
  };

  JsonWriter j;
  j.begin_object();
  j.field("displayTimeUnit", "ms");
  j.key("otherData").begin_object().field("run", run_name).field("time_unit", "us").end_object();
  j.key("traceEvents").begin_array();
  // Metadata: process per zone, thread per component that appears.
  std::set<std::int32_t> used_zones;
  std::set<std::pair<std::int32_t, std::int64_t>> used_threads;
  for (const TraceEvent& e : events) {
    used_zones.insert(e.zone);
    used_threads.insert({e.zone, e.component});
  }
  for (std::int32_t z : used_zones) {
    j.begin_object().field("name", "process_name").field("ph", "M").field("pid", z + 1);
    j.key("args").begin_object().field("name", z < 0 ? std::string("fleet") : "zone " + name_of(zones, z)).end_object();
    j.end_object();
  }
  for (const auto& [z, c] : used_threads) {
    j.begin_object().field("name", "thread_name").field("ph", "M").field("pid", z + 1).field("tid", c + 1);
    j.key("args").begin_object().field("name", c < 0 ? std::string("(no component)") : component_name(c)).end_object();
    j.end_object();
  }
  for (std::size_t s = 0; s < set.spans.size(); ++s) {
    const Span& sp = set.spans[s];
    for (int phase = 0; phase < 2; ++phase) {
      j.begin_object().field("name", sp.name).field("cat", sp.name).field("ph", phase == 0 ? "b" : "e");
      j.field("id", static_cast<std::uint64_t>(s + 1)).field("pid", sp.zone + 1).field("tid", sp.component + 1);
      j.field("ts", static_cast<double>(phase == 0 ? sp.begin_us : sp.end_us));
      if (phase == 0) {
        j.key("args").begin_object();
        if (sp.component >= 0) j.field("component", component_name(sp.component));
        if (sp.workload >= 0) j.field("workload", name_of(workloads, sp.workload));
        j.field("begin_kind", name_of(kinds, sp.begin_kind)).field("begin_value", sp.begin_value);
        if (sp.open_at_end) {
          j.field("open_at_end", true);
        } else {
          j.field("end_kind", name_of(kinds, sp.end_kind)).field("end_value", sp.end_value);
        }
        j.end_object();
      }
      j.end_object();
    }
  }
  for (std::size_t i : set.instants) {
    const TraceEvent& e = events[i];
    j.begin_object().field("name", name_of(kinds, e.kind)).field("cat", "event").field("ph", "i").field("s", "t");
    j.field("pid", e.zone + 1).field("tid", e.component + 1).field("ts", static_cast<double>(e.time_us));
    j.key("args").begin_object().field("value", e.value);
    if (e.workload >= 0) j.field("workload", name_of(workloads, e.workload));
    j.end_object().end_object();
  }
  j.end_array();
  j.end_object();
  return j.str() + "\n";
}

void write_chrome_trace(const std::string& path, const std::vector<TraceEvent>& events,
                        const std::vector<NameTable>& names, const ComponentTable& components,
                        std::int64_t run_end_us, const std::string& run_name) {
  AtomicTextFile f(path);
  f.stream() << chrome_trace_json(events, names, components, run_end_us, run_name);
  f.commit();
}

}  // namespace fleetsim::io
