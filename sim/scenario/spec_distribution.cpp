/// Distributions: `{dist: <kind>, <parameters>}`. Time-valued: parameters that are times
/// are written as durations and stored in seconds.

#include "sim/scenario/codecs.hpp"
#include "sim/scenario/empirical.hpp"
#include "sim/scenario/specs.hpp"
#include "sim/scenario/units.hpp"

namespace fleetsim::scenario {

namespace {

using Kind = Distribution::Kind;

/// Turns the written parameters into Distribution::a/b (see scenario.hpp) and checks them.
void finish_distribution(DistDecl& decl, const YamlNode& n, const std::string& path, Decoder& d) {
  Distribution& dist = decl.dist;
  dist.where = n.where;
  auto get = [](const std::optional<double>& v) { return v.value_or(0.0); };
  switch (dist.kind) {
    case Kind::Fixed:
      dist.a = get(decl.value);
      break;
    case Kind::Exponential:
      dist.a = get(decl.mean);
      break;
    case Kind::Weibull:
      dist.a = get(decl.shape);
      dist.b = get(decl.scale);
      break;
    case Kind::Lognormal:
      dist.a = get(decl.median);
      dist.b = get(decl.sigma);
      break;
    case Kind::Gamma:
      dist.a = get(decl.shape);
      dist.b = decl.scale ? *decl.scale
                          : (decl.shape && *decl.shape > 0 ? get(decl.mean) / *decl.shape : 0.0);
      break;
    case Kind::Uniform:
      dist.a = get(decl.min);
      dist.b = get(decl.max);
      if (decl.min && decl.max && *decl.min > *decl.max) {
        const YamlNode* max = n.find("max");
        d.error(max ? *max : n, join_path(path, "max"),
                "uniform max (" + format_number(*decl.max) + " s) is less than min (" +
                    format_number(*decl.min) + " s)",
                "swap them, or use {dist: fixed, value: ...} for one value");
      }
      break;
    case Kind::Empirical: {
      dist.file = decl.file;
      dist.column = decl.column;
      const YamlNode* col = n.find("column");
      if (decl.file.empty() || decl.column.empty() || !col) break;  // already reported
      EmpiricalColumn c = read_empirical_column(decl.file, decl.column, col->where, path);
      for (Diagnostic& e : c.errors) d.error_at(e.where, e.path, e.message, e.hint);
      dist.samples = std::move(c.samples);
      break;
    }
  }
}

ObjectSpec<DistDecl>& build() {
  static ObjectSpec<DistDecl> s(
      "distribution",
      "A probability distribution of a duration. Every time parameter is a duration "
      "(30s, 4h, 2y); a bare duration instead of the mapping means a fixed value.");
  s.discriminated_by("dist").documented_once();
  s.field_with(
       "dist",
       EnumC<Kind>{"distribution",
                   {{"exponential", Kind::Exponential},
                    {"weibull", Kind::Weibull},
                    {"lognormal", Kind::Lognormal},
                    {"gamma", Kind::Gamma},
                    {"uniform", Kind::Uniform},
                    {"fixed", Kind::Fixed},
                    {"empirical", Kind::Empirical}}},
       [](DistDecl& x, Kind k) { x.dist.kind = k; },
       "The family: exponential, weibull, lognormal, gamma, uniform, fixed or empirical.")
      .required();
  s.field("mean", &DistDecl::mean, SecondsC{true},
          "Mean. exponential: the mean (rate = 1/mean). gamma: the mean, instead of scale (scale = "
          "mean/shape).")
      .only({"exponential", "gamma"})
      .required_for({"exponential"});
  s.field("shape", &DistDecl::shape, NumC{0, 1e6, true},
          "Shape k > 0. weibull: k < 1 gives infant mortality, k > 1 wear-out; gamma: k.")
      .only({"weibull", "gamma"})
      .required_for({"weibull", "gamma"});
  s.field("scale", &DistDecl::scale, SecondsC{true},
          "Scale. weibull: lambda, mean = lambda * Gamma(1 + 1/k); gamma: theta, mean = k * theta.")
      .only({"weibull", "gamma"})
      .required_for({"weibull"});
  s.field("median", &DistDecl::median, SecondsC{true},
          "lognormal: the median e^mu; mean = median * e^(sigma^2/2).")
      .only({"lognormal"})
      .required_for({"lognormal"});
  s.field("sigma", &DistDecl::sigma, NumC{0, 100, true},
          "lognormal: sigma > 0, the standard deviation of ln(x).")
      .only({"lognormal"})
      .required_for({"lognormal"});
  s.field("min", &DistDecl::min, SecondsC{}, "uniform: the lower bound; mean = (min + max) / 2.")
      .only({"uniform"})
      .required_for({"uniform"});
  s.field("max", &DistDecl::max, SecondsC{}, "uniform: the upper bound, >= min.")
      .only({"uniform"})
      .required_for({"uniform"});
  s.field("value", &DistDecl::value, SecondsC{}, "fixed: the one value it always takes.")
      .only({"fixed"})
      .required_for({"fixed"});
  s.field(
       "file", &DistDecl::file, FileC{},
       "empirical: a CSV file with a header line, relative to the scenario file; samples are drawn "
       "uniformly with replacement.")
      .only({"empirical"})
      .required_for({"empirical"});
  s.field("column", &DistDecl::column, StrC{StrC::Version},
          "empirical: the column, by header name or 1-based index. Values are seconds, or "
          "durations with units.")
      .only({"empirical"})
      .required_for({"empirical"});
  s.alternative("gamma", {{"scale"}, {"mean"}});
  s.finish(finish_distribution);
  return s;
}

}  // namespace

const ObjectSpec<DistDecl>& distribution_spec() {
  static const ObjectSpec<DistDecl>& s = build();
  return s;
}

}  // namespace fleetsim::scenario
