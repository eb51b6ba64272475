#include "sim/experiment/experiment_spec.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>

#include "sim/scenario/codecs.hpp"
#include "sim/scenario/decoder.hpp"

namespace fleetsim::experiment {

using namespace scenario;

namespace {

constexpr std::int64_t kMaxPoints = 1'000'000;

/// An entry of spec.axes: a list (path + values) or a zip of lists.
struct AxisDecl {
  std::string path;
  std::vector<RawValue> values;
  std::vector<AxisList> zip;
  Location where;
};

struct ParameterDecl {
  std::string path;
  std::int64_t min = 0;
  std::int64_t max = 0;
  Location where;
};

const ObjectSpec<AxisList>& build_axis_list() {
  static const ObjectSpec<AxisList>& spec = []() -> ObjectSpec<AxisList>& {
    auto& s = *new ObjectSpec<AxisList>("axis-list", "One scenario path and the values it takes.");
    s.located(&AxisList::where);
    s.field("path", &AxisList::path, OverridePathC{},
            "The scenario field to vary, written as for --set.")
        .required();
    s.field("values", &AxisList::values, ValueListC{},
            "The values it takes, in order; any YAML the field accepts.")
        .required();
    return s;
  }();
  return spec;
}

const ObjectSpec<AxisDecl>& build_axis() {
  static const ObjectSpec<AxisDecl>& spec = []() -> ObjectSpec<AxisDecl>& {
    auto& s = *new ObjectSpec<AxisDecl>(
        "axis",
        "One axis of the grid: a path and its values, or `zip:` lists of equal length that "
        "advance together. Points are every combination of the axes, the first varying slowest.");
    s.located(&AxisDecl::where);
    s.field("path", &AxisDecl::path, OverridePathC{},
            "The scenario field to vary, written as for --set.");
    s.field("values", &AxisDecl::values, ValueListC{}, "The values it takes, in order.");
    s.field("zip", &AxisDecl::zip, ListC<ObjC<AxisList>>{{&build_axis_list()}},
            "Lists that advance together: point k takes value k of each.");
    s.alternative("", {{"path", "values"}, {"zip"}});
    return s;
  }();
  return spec;
}

const ObjectSpec<ParameterDecl>& build_parameter() {
  static const ObjectSpec<ParameterDecl>& spec = []() -> ObjectSpec<ParameterDecl>& {
    auto& s = *new ObjectSpec<ParameterDecl>("parameter",
                                             "The integer field searched and the range searched.");
    s.located(&ParameterDecl::where);
    s.field("path", &ParameterDecl::path, OverridePathC{},
            "An integer scenario field, e.g. spec.topology.regions[0].racks_per_zone.")
        .required();
    s.field("min", &ParameterDecl::min, IntC{0, kNoMax}, "Smallest value considered.").required();
    s.field("max", &ParameterDecl::max, IntC{0, kNoMax}, "Largest value considered.").required();
    s.finish([](ParameterDecl& p, const YamlNode& n, const std::string& path, Decoder& d) {
      if (p.max < p.min && n.find("max")) {
        d.error(*n.find("max"), join_path(path, "max"),
                "max (" + std::to_string(p.max) + ") is below min (" + std::to_string(p.min) + ")");
      }
    });
    return s;
  }();
  return spec;
}

const ObjectSpec<ExperimentSpec>& build_metadata() {
  static const ObjectSpec<ExperimentSpec>& spec = []() -> ObjectSpec<ExperimentSpec>& {
    auto& s = *new ObjectSpec<ExperimentSpec>("experiment-metadata", "Name and description.");
    s.field("name", &ExperimentSpec::name, StrC{StrC::Name}, "The experiment's name.").required();
    s.field("description", &ExperimentSpec::description, StrC{}, "What it answers.");
    return s;
  }();
  return spec;
}

const ObjectSpec<ExperimentSpec>& build_outputs() {
  static const ObjectSpec<ExperimentSpec>& spec = []() -> ObjectSpec<ExperimentSpec>& {
    auto& s = *new ObjectSpec<ExperimentSpec>("experiment-outputs", "Where results go.");
    s.field_with(
        "dir", StrC{},
        [](ExperimentSpec& e, std::string v, bool ok, Decoder& d) {
          if (ok) e.out_dir = d.resolve(v);
        },
        "Results directory, relative to this file; `--out` wins. Default: <file name>.results "
        "next to this file.");
    return s;
  }();
  return spec;
}

/// The fields sweeps and plans share.
void common_fields(ObjectSpec<ExperimentSpec>& s) {
  s.field("scenario", &ExperimentSpec::scenario, FileC{},
          "The base scenario file, relative to this file.")
      .required();
  s.field("set", &ExperimentSpec::set, ListC<OverrideC>{},
          "Overrides applied to every run, as for --set (e.g. spec.duration=7d).");
  s.field("replications", &ExperimentSpec::replications, IntC{1, 100000},
          "Runs per point, with seeds derived from the scenario seed and the replication index.")
      .defaults("1");
  s.field("confidence", &ExperimentSpec::confidence, NumC{0, 1, true, true},
          "Confidence level of the ci_low / ci_high columns and aggregates.")
      .defaults("0.95");
  s.field("metrics", &ExperimentSpec::metrics, ListC<StrC>{},
          "Metrics in the results table: names, or prefixes ending in '*'. Default: all.");
  s.nest("outputs", build_outputs(), "Where results go.");
}

void check_axes(ExperimentSpec& e, const YamlNode& n, const std::string& path, Decoder& d) {
  const YamlNode* axes = n.find("axes");
  std::set<std::string> seen;
  std::int64_t points = 1;
  for (std::size_t i = 0; axes && axes->is_sequence() && i < e.axes.size(); ++i) {
    const Axis& a = e.axes[i];
    const std::string ap = join_path(path, "axes") + "[" + std::to_string(i) + "]";
    for (const AxisList& l : a.lists) {
      if (!seen.insert(l.path).second) {
        d.error_at(l.where, ap, "the path '" + l.path + "' is swept twice",
                   "zip lists that must advance together");
      }
      if (l.values.size() != a.size()) {
        d.error_at(l.where, ap + ".zip",
                   "zipped lists differ in length: " + std::to_string(l.values.size()) +
                       " values here, " + std::to_string(a.size()) + " in the first",
                   "point k takes value k of every zipped list");
      }
    }
    points *= std::max<std::int64_t>(1, static_cast<std::int64_t>(a.size()));
    if (points > kMaxPoints) {
      d.error_at(a.where, ap, "the sweep has more than " + std::to_string(kMaxPoints) + " points");
      return;
    }
  }
}

const ObjectSpec<ExperimentSpec>& build_sweep_spec() {
  static const ObjectSpec<ExperimentSpec>& spec = []() -> ObjectSpec<ExperimentSpec>& {
    auto& s = *new ObjectSpec<ExperimentSpec>("sweep-spec", "The sweep itself.");
    common_fields(s);
    s.field_with(
        "axes", ListC<ObjC<AxisDecl>>{{&build_axis()}},
        [](ExperimentSpec& e, std::vector<AxisDecl> v) {
          for (AxisDecl& a : v) {
            Axis axis;
            axis.where = a.where;
            if (!a.zip.empty()) {
              axis.lists = std::move(a.zip);
            } else {
              axis.lists.push_back({a.path, std::move(a.values), a.where});
            }
            e.axes.push_back(std::move(axis));
          }
        },
        "The grid: every combination of the axes' values is a point.");
    s.finish(check_axes);
    return s;
  }();
  return spec;
}

const ObjectSpec<ExperimentSpec>& build_plan_spec() {
  static const ObjectSpec<ExperimentSpec>& spec = []() -> ObjectSpec<ExperimentSpec>& {
    auto& s = *new ObjectSpec<ExperimentSpec>("plan-spec", "The capacity search.");
    common_fields(s);
    s.field_with(
         "parameter", ObjC<ParameterDecl>{&build_parameter()},
         [](ExperimentSpec& e, ParameterDecl p) {
           e.parameter = p.path;
           e.min = p.min;
           e.max = p.max;
           e.parameter_where = p.where;
         },
         "The integer field to size and its range: {path, min, max}. The search assumes more is "
         "better: the assertions that hold at a value hold above it.")
        .required();
    s.field("assertions", &ExperimentSpec::assertions,
            RawValueC{"list of assertion (as in a scenario's spec.assertions)"},
            "Replace the scenario's assertions for the search; use aggregate ci_high (for <=) or "
            "ci_low (for >=) to require the target at the stated confidence.");
    return s;
  }();
  return spec;
}

ObjectSpec<ExperimentSpec>& build_root(const std::string& kind,
                                       const ObjectSpec<ExperimentSpec>& spec,
                                       const std::string& help) {
  auto* s = new ObjectSpec<ExperimentSpec>(kind == "Sweep" ? "sweep" : "plan", help);
  s->field_with(
       "apiVersion", EnumC<std::string>{"apiVersion", {{"fleetsim/v1", "fleetsim/v1"}}},
       [](ExperimentSpec&, std::string) {}, "The format version: fleetsim/v1.")
      .required();
  s->field("kind", &ExperimentSpec::kind, EnumC<std::string>{"document kind", {{kind, kind}}},
           "The document kind: " + kind + ".")
      .required();
  s->nest("metadata", build_metadata(), "Name and description.").required();
  s->nest("spec", spec, "The experiment.").required();
  return *s;
}

const ObjectSpec<ExperimentSpec>& sweep_root() {
  static const ObjectSpec<ExperimentSpec>& s = build_root(
      "Sweep", build_sweep_spec(),
      "A fleetsim sweep: a base scenario, axes of overrides and replications (fleetsim sweep).");
  return s;
}

const ObjectSpec<ExperimentSpec>& plan_root() {
  static const ObjectSpec<ExperimentSpec>& s =
      build_root("Plan", build_plan_spec(),
                 "A fleetsim capacity plan: the smallest value of one parameter for which every "
                 "assertion holds (fleetsim plan).");
  return s;
}

std::string directory_of(const std::string& file) {
  const auto slash = file.rfind('/');
  if (slash == std::string::npos) return "";
  return slash == 0 ? "/" : file.substr(0, slash);
}

std::string default_out_dir(const std::string& file) {
  std::string stem = file;
  const auto dot = stem.rfind('.');
  const auto slash = stem.rfind('/');
  if (dot != std::string::npos && (slash == std::string::npos || dot > slash)) stem.resize(dot);
  return stem + ".results";
}

}  // namespace

const ObjectDoc& sweep_document() {
  return sweep_root();
}
const ObjectDoc& plan_document() {
  return plan_root();
}

ExperimentLoad load_experiment_text(const std::string& text, const std::string& file_name,
                                    const std::string& kind) {
  ExperimentLoad out;
  YamlParse parsed = parse_yaml(text, file_name);
  out.errors = std::move(parsed.errors);
  if (!parsed.root) return out;
  static const Scenario kNone;
  Decoder d(directory_of(file_name), kNone);
  ExperimentSpec e;
  e.source_file = file_name;
  e.source_text = text;
  (kind == "Sweep" ? sweep_root() : plan_root()).decode(*parsed.root, "", d, e);
  for (Diagnostic& err : d.take_errors()) out.errors.push_back(std::move(err));
  if (e.out_dir.empty()) e.out_dir = default_out_dir(file_name);
  if (out.errors.empty()) out.spec = std::move(e);
  return out;
}

ExperimentLoad load_experiment_file(const std::string& path, const std::string& kind) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    ExperimentLoad r;
    r.errors.push_back(Diagnostic::make(
        {path, 0, 0}, "", std::string("cannot read the file: ") + std::strerror(errno)));
    return r;
  }
  std::ostringstream text;
  text << in.rdbuf();
  return load_experiment_text(text.str(), path, kind);
}

bool metric_selected(const std::string& metric, const std::vector<std::string>& patterns) {
  if (patterns.empty()) return true;
  for (const std::string& p : patterns) {
    if (!p.empty() && p.back() == '*') {
      if (metric.compare(0, p.size() - 1, p, 0, p.size() - 1) == 0) return true;
    } else if (metric == p) {
      return true;
    }
  }
  return false;
}

}  // namespace fleetsim::experiment
