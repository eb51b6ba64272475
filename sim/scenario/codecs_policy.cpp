/// Codecs for policies (a name, or {name, params}) and distributions.

#include "sim/scenario/codecs.hpp"
#include "sim/scenario/schema_fragments.hpp"
#include "sim/scenario/specs.hpp"

namespace fleetsim::scenario {

// ---------------------------------------------------------------- policies and distributions

TypeDoc ParamsC::doc() const {
  const Json scalar = Json::object().set("type", Json::strings({"string", "number", "boolean"}));
  return {
      "map of name to scalar or list of scalars",
      "",
      Json::object()
          .set("type", "object")
          .set("additionalProperties",
               schema::any_of(scalar, Json::object().set("type", "array").set("items", scalar))),
      nullptr,
      "",
      {}};
}

bool ParamsC::decode(const YamlNode& n, const std::string& path, Decoder& d, Out& out) const {
  out.clear();
  if (n.is_null()) return true;
  if (!n.is_map()) {
    d.error(n, path, "expected a mapping of parameter names to values, got " + n.describe());
    return false;
  }
  bool ok = true;
  for (std::size_t i = 0; i < n.keys.size(); ++i) {
    const YamlNode& v = n.items[i];
    const std::string p = join_path(path, n.keys[i].text);
    PolicyParam param;
    param.where = v.where;
    if (v.is_scalar()) {
      param.text = v.text;
    } else if (v.is_sequence()) {
      param.is_list = true;
      for (const YamlNode& e : v.items) {
        if (!e.is_scalar()) {
          d.error(e, p, "a parameter list holds plain values, got " + e.describe());
          ok = false;
        } else {
          param.list.push_back(e.text);
        }
      }
    } else {
      d.error(v, p, "a policy parameter is a value or a list of values, got " + v.describe());
      ok = false;
      continue;
    }
    out[n.keys[i].text] = std::move(param);
  }
  return ok;
}

TypeDoc PolicyC::doc() const {
  TypeDoc t;
  t.name = "policy";
  t.unit = "a name, or {name, params}";
  t.schema = schema::any_of(schema::pattern("^[A-Za-z0-9][A-Za-z0-9_-]*$"),
                            Json::object().set("$ref", "#/definitions/policy"));
  t.object = &policy_spec();
  return t;
}

bool PolicyC::decode(const YamlNode& n, const std::string& path, Decoder& d, Out& out) const {
  if (n.is_scalar()) {
    out = PolicySpec{};
    out.where = n.where;
    return StrC{StrC::Name}.decode(n, path, d, out.name);
  }
  return ObjC<PolicySpec>{&policy_spec()}.decode(n, path, d, out);
}

TypeDoc DistC::doc() const {
  TypeDoc t;
  t.name = "distribution";
  t.unit = "a duration (fixed), or {dist: ..., parameters}";
  t.schema =
      schema::any_of(schema::duration(), Json::object().set("$ref", "#/definitions/distribution"));
  t.object = &distribution_spec();
  return t;
}

bool DistC::decode(const YamlNode& n, const std::string& path, Decoder& d, Out& out) const {
  out = Distribution{};
  out.where = n.where;
  if (n.is_scalar()) {
    out.kind = Distribution::Kind::Fixed;
    return SecondsC{}.decode(n, path, d, out.a);
  }
  DistDecl decl;
  if (!ObjC<DistDecl>{&distribution_spec()}.decode(n, path, d, decl)) return false;
  out = std::move(decl.dist);
  return true;
}

}  // namespace fleetsim::scenario
