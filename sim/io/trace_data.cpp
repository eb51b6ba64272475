#include "sim/io/trace_data.hpp"

#include <stdexcept>

namespace fleetsim::io {

std::size_t ComponentTable::rows() const {
  const std::size_t n = id.size();
  if (kind.size() != n || zone.size() != n || parent.size() != n || name.size() != n) {
    throw std::invalid_argument(
        "ComponentTable columns differ in length: id " + std::to_string(n) + ", kind " +
        std::to_string(kind.size()) + ", zone " + std::to_string(zone.size()) + ", parent " +
        std::to_string(parent.size()) + ", name " + std::to_string(name.size()));
  }
  return n;
}

void check_name(const std::string& name, const char* what) {
  if (name.empty()) throw std::invalid_argument(std::string(what) + " name is empty");
  if (name == "." || name.find('/') != std::string::npos || name.find('\0') != std::string::npos) {
    throw std::invalid_argument(std::string(what) + " name '" + name +
                                "' is not allowed (no '/', no NUL, not '.')");
  }
}

void check_series(const std::vector<std::int64_t>& sample_times_us,
                  const std::vector<SeriesGroup>& groups) {
  for (std::size_t t = 1; t < sample_times_us.size(); ++t) {
    if (sample_times_us[t] <= sample_times_us[t - 1]) {
      throw std::invalid_argument("series sample times must increase strictly: sample " +
                                  std::to_string(t) + " (" + std::to_string(sample_times_us[t]) +
                                  " us) follows " + std::to_string(sample_times_us[t - 1]) + " us");
    }
  }
  // group name -> its columns (first seen); (group, metric) pairs already seen.
  std::map<std::string, const std::vector<std::string>*> columns_of;
  std::map<std::pair<std::string, std::string>, bool> seen;
  for (const SeriesGroup& g : groups) {
    check_name(g.group, "series group");
    check_name(g.metric, "series metric");
    const std::string where = "series " + g.group + "/" + g.metric;
    if (g.metric == "columns") {
      throw std::invalid_argument(where + ": 'columns' is reserved for the column names");
    }
    if (!seen.emplace(std::make_pair(g.group, g.metric), true).second) {
      throw std::invalid_argument(where + " is given twice");
    }
    const std::size_t expected = sample_times_us.size() * g.width();
    if (g.values.size() != expected) {
      throw std::invalid_argument(where + " has " + std::to_string(g.values.size()) +
                                  " values; expected " + std::to_string(sample_times_us.size()) +
                                  " samples x " + std::to_string(g.width()) +
                                  " columns = " + std::to_string(expected));
    }
    const auto [it, inserted] = columns_of.emplace(g.group, &g.columns);
    if (!inserted && *it->second != g.columns) {
      throw std::invalid_argument(where + " has other columns than the first metric of group '" +
                                  g.group + "'; all metrics of a group share its columns");
    }
  }
}

}  // namespace fleetsim::io
