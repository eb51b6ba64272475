#include <sstream>

#include "policies/registry.hpp"

namespace fleetsim::policies {

std::string describe_policies(const std::string& family, const std::vector<const PolicyInfo*>& infos) {
  std::ostringstream o;
  o << family << " policies:\n";
  for (const PolicyInfo* info : infos) {
    o << "  " << info->name << ": " << info->help << "\n";
    for (const ParamSpec& p : info->params) {
      o << "    params." << p.name << " (" << type_name(p.type);
      if (!p.unit.empty()) o << ", " << p.unit;
      o << ", default " << (p.default_value.empty() ? "required" : p.default_value) << "): " << p.help;
      if (!p.choices.empty()) {
        o << " [";
        for (std::size_t i = 0; i < p.choices.size(); ++i) o << (i ? ", " : "") << p.choices[i];
        o << "]";
      }
      o << "\n";
    }
  }
  return o.str();
}

}  // namespace fleetsim::policies
