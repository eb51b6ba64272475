/// spec.topology: resource dimensions, host types, regions of zones of racks of hosts.

#include "sim/scenario/codecs.hpp"
#include "sim/scenario/specs.hpp"
#include "sim/scenario/units.hpp"

namespace fleetsim::scenario {

namespace {

constexpr std::int64_t kMaxFleetHosts = 100'000'000;

/// Keys beyond cpu and memory: the dimensions declared in topology.dimensions.
void decode_dimension(Resources& r, const YamlNode& key, const YamlNode& value,
                      const std::string& path, Decoder& d, bool capacity) {
  const auto& dims = d.building().topology.extra_dimensions;
  for (std::size_t i = 0; i < dims.size(); ++i) {
    if (dims[i] == key.text) {
      MilliC{}.decode(value, path, d, r.v[2 + i]);
      return;
    }
  }
  std::vector<std::string> known{"cpu", "memory"};
  known.insert(known.end(), dims.begin(), dims.end());
  std::string hint;
  if (auto c = closest_name(key.text, known)) {
    hint = "did you mean '" + *c + "'? extra dimensions are declared in spec.topology.dimensions";
  } else {
    hint = "known: " + join_names(known) +
           "; declare extra dimensions in spec.topology.dimensions, e.g. [" + key.text + "]";
  }
  d.error(key, path,
          std::string("unknown resource '") + key.text + "'" + (capacity ? " in host type" : ""),
          hint);
}

ObjectSpec<Resources>& make_resources(ObjectSpec<Resources>& s, bool capacity) {
  s.documented_once();
  s.field_with(
       "cpu", MilliC{capacity}, [](Resources& r, std::int64_t v) { r.v[kCpu] = v; },
       capacity ? "CPU cores of one host (64, or 500m for half a core)."
                : "CPU cores one instance needs.")
      .required();
  s.field_with(
       "memory", SizeC{capacity}, [](Resources& r, std::int64_t v) { r.v[kMemory] = v; },
       capacity ? "Memory of one host (256Gi)." : "Memory one instance needs (16Gi).")
      .required();
  s.extra_keys("<dimension>", MilliC{}.doc(),
               "An extra dimension declared in spec.topology.dimensions (gpu: 8); 0 when absent.",
               [capacity](Resources& r, const YamlNode& k, const YamlNode& v, const std::string& p,
                          Decoder& d) { decode_dimension(r, k, v, p, d, capacity); });
  return s;
}

ObjectSpec<RackGroup>& rack_group_spec() {
  static ObjectSpec<RackGroup> s("rack_group",
                                 "Racks of one host type, in every zone of the region.");
  s.located(&RackGroup::where);
  s.field("count", &RackGroup::racks, IntC{1, 100'000}, "Racks of this host type per zone.")
      .required();
  s.field("host_type", &RackGroup::host_type, StrC{StrC::Name},
          "A name from spec.topology.host_types.")
      .required();
  s.finish([](RackGroup& g, const YamlNode& n, const std::string& path, Decoder& d) {
    if (const YamlNode* h = n.find("host_type"); h && !g.host_type.empty())
      check_host_type(g.host_type, *h, join_path(path, "host_type"), d);
  });
  return s;
}

RackGroup& single_group(RegionSpec& r) {
  if (r.racks.empty()) r.racks.emplace_back();
  return r.racks.front();
}

ObjectSpec<RegionSpec>& region_spec() {
  static ObjectSpec<RegionSpec> s(
      "region",
      "A region: zones alike, each with the same racks. Give either racks_per_zone + "
      "host_type (one host type) or racks (a list of groups, for mixed fleets).");
  s.located(&RegionSpec::where);
  s.field("name", &RegionSpec::name, StrC{StrC::Name}, "The region's name, unique in the fleet.")
      .required();
  s.field("zones", &RegionSpec::zones, IntC{1, 1000}, "Availability zones in the region.")
      .defaults("1");
  s.field_with(
      "racks_per_zone", IntC{1, 100'000},
      [](RegionSpec& r, std::int64_t n) { single_group(r).racks = n; },
      "Racks in each zone, all of host_type.");
  s.field_with(
      "host_type", StrC{StrC::Name},
      [](RegionSpec& r, std::string h) { single_group(r).host_type = std::move(h); },
      "The host type of every rack (with racks_per_zone).");
  s.field(
      "racks", &RegionSpec::racks, ListC<ObjC<RackGroup>>{{&rack_group_spec()}},
      "Groups of racks per zone, each {count, host_type}, instead of racks_per_zone + host_type.");
  s.field("hosts_per_rack", &RegionSpec::hosts_per_rack, IntC{1, 10'000}, "Hosts in every rack.")
      .required();
  s.field("power_feeds_per_zone", &RegionSpec::power_feeds_per_zone, IntC{0, 1000},
          "Power feeds per zone; rack r depends on feed r mod feeds. 0 = power is not modelled.")
      .defaults("0");
  s.field("rack_switches", &RegionSpec::rack_switches, BoolC{},
          "Every rack has a top-of-rack switch its hosts depend on.")
      .defaults("true");
  s.alternative("", {{"racks"}, {"racks_per_zone", "host_type"}});
  s.finish([](RegionSpec& r, const YamlNode& n, const std::string& path, Decoder& d) {
    const YamlNode* h = n.find("host_type");
    if (h && n.find("racks_per_zone") && !n.find("racks")) {
      single_group(r).where = r.where;
      check_host_type(r.racks.front().host_type, *h, join_path(path, "host_type"), d);
    }
  });
  return s;
}

void finish_topology(Topology& t, const YamlNode& n, const std::string& path, Decoder& d) {
  if (const YamlNode* dims = n.find("dimensions"); dims && dims->is_sequence()) {
    for (std::size_t i = 0; i < dims->items.size() && i < t.extra_dimensions.size(); ++i) {
      const std::string& name = t.extra_dimensions[i];
      const std::string p = path + ".dimensions[" + std::to_string(i) + "]";
      if (name == "cpu" || name == "memory") {
        d.error(dims->items[i], p, "'" + name + "' is always a dimension",
                "list only the extra ones, such as gpu");
      }
      for (std::size_t j = 0; j < i; ++j) {
        if (t.extra_dimensions[j] == name)
          d.error(dims->items[i], p, "dimension '" + name + "' is listed twice");
      }
    }
  }
  if (const YamlNode* h = n.find("host_types"); h && h->keys.empty()) {
    d.error(*h, join_path(path, "host_types"), "no host types",
            "declare at least one, e.g. std: {cpu: 64, memory: 256Gi}");
  }
  if (const YamlNode* r = n.find("regions"); r && r->items.empty()) {
    d.error(*r, join_path(path, "regions"), "no regions", "a fleet needs at least one region");
  }
  std::int64_t hosts = 0;
  for (const RegionSpec& r : t.regions) {
    for (const RackGroup& g : r.racks) hosts += r.zones * g.racks * r.hosts_per_rack;
  }
  if (hosts > kMaxFleetHosts) {
    d.error(n, path,
            "the fleet has " + std::to_string(hosts) + " hosts, more than the " +
                std::to_string(kMaxFleetHosts) + " fleetsim simulates");
  }
}

ObjectSpec<Topology>& build_topology() {
  static ObjectSpec<Topology> s("topology", "The fleet: what hosts there are and where they sit.");
  s.field("dimensions", &Topology::extra_dimensions, ListC<StrC>{{StrC::Name}, "", 2},
          "Extra resource dimensions beyond cpu and memory (at most 2), e.g. [gpu]. Host types and "
          "workloads may then give amounts for them.");
  s.field_with(
       "host_types", MapC<ObjC<Resources>>{{&capacity_spec()}},
       [](Topology& t, std::vector<Keyed<Resources>> types, bool ok, Decoder& d) {
         t.host_types.clear();
         for (auto& k : types) t.host_types.push_back({k.key, k.value, k.where});
         if (!ok) d.mark_incomplete("host_types");
       },
       "Host types by name, each with its capacity: std: {cpu: 64, memory: 256Gi}.")
      .required();
  s.field("regions", &Topology::regions, ListC<ObjC<RegionSpec>>{{&region_spec()}, "name"},
          "The regions of the fleet.")
      .required();
  s.finish(finish_topology);
  return s;
}

}  // namespace

const ObjectSpec<Resources>& capacity_spec() {
  static ObjectSpec<Resources> s("capacity", "What one host of a type offers.");
  static const ObjectSpec<Resources>& built = make_resources(s, true);
  return built;
}

const ObjectSpec<Resources>& demand_spec() {
  static ObjectSpec<Resources> s("resources",
                                 "What one instance of a workload (replica, job, VM) needs.");
  static const ObjectSpec<Resources>& built = make_resources(s, false);
  return built;
}

const ObjectSpec<Topology>& topology_spec() {
  static const ObjectSpec<Topology>& s = build_topology();
  return s;
}

const HostType* find_host_type(const Topology& t, const std::string& name) {
  for (const HostType& h : t.host_types) {
    if (h.name == name) return &h;
  }
  return nullptr;
}

void check_host_type(const std::string& name, const YamlNode& n, const std::string& path,
                     Decoder& d) {
  const Topology& t = d.building().topology;
  if (t.host_types.empty() || find_host_type(t, name)) return;
  std::vector<std::string> names;
  for (const HostType& h : t.host_types) names.push_back(h.name);
  std::string hint = suggest(name, names);
  if (hint.rfind("one of", 0) == 0) hint = "declared host types: " + join_names(names);
  d.error(n, path, "unknown host type '" + name + "'", hint);
}

}  // namespace fleetsim::scenario
