// Cross-checks the statistics against scipy/numpy: fixed samples are written to a temp
// file, /usr/bin/python3 computes the same quantities, and results must agree to 1e-9
// relative. Skipped with a warning when python3 or scipy is missing.
#include <catch2/catch.hpp>

#include <unistd.h>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "analysis/stats/descriptive.hpp"
#include "analysis/stats/kolmogorov.hpp"
#include "analysis/stats/ks_test.hpp"
#include "analysis/stats/student_t.hpp"
#include "analysis/stats/wasserstein.hpp"

using namespace fleetsim::analysis;

namespace {

constexpr const char* kScript = R"PY(
import sys
try:
    import numpy as np
    from scipy import stats
except Exception as e:
    print("MISSING", e)
    sys.exit(0)
samples = {}
kstwo_points = []
t_points = []
for line in open(sys.argv[1]):
    parts = line.split()
    if parts[0] == "kstwo":
        kstwo_points.append((int(parts[1]), float(parts[2])))
    elif parts[0] == "tppf":
        t_points.append((float(parts[1]), float(parts[2])))
    else:
        samples[parts[0]] = np.array([float(v) for v in parts[1:]])
out = []
for name in sorted(samples):
    if name.startswith("a_"):
        key = name[2:]
        a, b = samples[name], samples["b_" + key]
        r = stats.ks_2samp(a, b, method="asymp")
        out.append(f"ks_d {key} {float(r.statistic)!r}")
        out.append(f"ks_p {key} {float(r.pvalue)!r}")
        out.append(f"w1 {key} {float(stats.wasserstein_distance(a, b))!r}")
        for q in (0.0, 0.01, 0.25, 0.5, 0.9, 0.99, 1.0):
            out.append(f"quantile {key}_{q!r} {float(np.quantile(a, q))!r}")
        out.append(f"mean {key} {float(np.mean(a))!r}")
        out.append(f"std {key} {float(np.std(a, ddof=1))!r}")
for i, (n, x) in enumerate(kstwo_points):
    out.append(f"kstwo {i} {float(stats.kstwo.sf(x, n))!r}")
for i, (p, df) in enumerate(t_points):
    out.append(f"tppf {i} {float(stats.t.ppf(p, df))!r}")
print("\n".join(out))
print("DONE")
)PY";

struct Gen {  // splitmix64 + Box-Muller: fixed samples, no dependence on std:: distributions
  std::uint64_t s;
  double uniform() {
    std::uint64_t z = (s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return (static_cast<double>((z ^ (z >> 31)) >> 11) + 0.5) * 0x1.0p-53;
  }
  double normal() { return std::sqrt(-2 * std::log(uniform())) * std::cos(2 * M_PI * uniform()); }
};

struct Pair {
  std::string key;
  std::vector<double> a, b;
};

std::vector<Pair> make_pairs() {
  Gen g{2024};
  std::vector<Pair> pairs;
  // (size a, size b, shift of b, rounding) chosen to reach every branch of kstwo.sf.
  const struct {
    int na, nb;
    double shift, scale;
    bool round;
  } specs[] = {
      {10, 12, 0.3, 1, false},      {40, 60, 0.5, 1, false},  {40, 60, 1.5, 1, false},
      {200, 300, 0.1, 1, false},    {200, 300, 0.4, 1, true}, {3000, 2000, 0.05, 1.1, false},
      {5000, 4000, 0.12, 1, false}, {7, 5, 3.0, 1, false},    {150, 150, 0.0, 1, true}};
  int i = 0;
  for (const auto& s : specs) {
    Pair p;
    p.key = "case" + std::to_string(i++);
    for (int k = 0; k < s.na; ++k) p.a.push_back(s.round ? std::round(g.normal() * 4) : g.normal());
    for (int k = 0; k < s.nb; ++k) {
      const double v = g.normal() * s.scale + s.shift;
      p.b.push_back(s.round ? std::round(v * 4) : v);
    }
    pairs.push_back(std::move(p));
  }
  return pairs;
}

bool close(double ours, double theirs, double rel = 1e-9, double abs = 1e-300) {
  if (std::isnan(ours) || std::isnan(theirs)) return std::isnan(ours) && std::isnan(theirs);
  return std::fabs(ours - theirs) <= rel * std::fabs(theirs) + abs;
}

}  // namespace

TEST_CASE("statistics agree with scipy and numpy to 1e-9", "[analysis][scipy]") {
  if (!std::filesystem::exists("/usr/bin/python3")) {
    WARN("skipped: /usr/bin/python3 is missing");
    return;
  }
  const auto dir = std::filesystem::temp_directory_path();
  const std::string tag = std::to_string(::getpid());
  const std::string data_path = (dir / ("fleetsim_scipy_" + tag + ".txt")).string();
  const std::string script_path = (dir / ("fleetsim_scipy_" + tag + ".py")).string();
  const auto pairs = make_pairs();
  const std::vector<std::pair<std::int64_t, double>> kstwo_points = {
      {1, 0.7},        {5, 0.15},        {5, 0.3},        {10, 0.08},      {10, 0.2},
      {10, 0.35},      {10, 0.6},        {10, 0.95},      {50, 0.05},      {50, 0.1},
      {50, 0.2},       {50, 0.32},       {140, 0.05},     {140, 0.1},      {140, 0.16},
      {141, 0.03},     {141, 0.08},      {141, 0.15},     {1000, 0.02},    {1000, 0.04},
      {1000, 0.06},    {1000, 0.3},      {100000, 0.003}, {100000, 0.006}, {200000, 0.001},
      {200000, 0.004}, {2000000, 0.0008}};
  const std::vector<std::pair<double, double>> t_points = {
      {0.975, 1},  {0.975, 2},    {0.975, 3},   {0.975, 4},   {0.975, 9}, {0.975, 29},
      {0.975, 99}, {0.975, 999},  {0.975, 1e5}, {0.975, 1e8}, {0.95, 7},  {0.995, 15},
      {0.6, 3},    {0.999999, 5}, {0.025, 12},  {1e-7, 40},   {0.9, 2.5}};
  {
    std::ofstream data(data_path);
    data.precision(17);
    for (const auto& p : pairs) {
      data << "a_" << p.key;
      for (const double v : p.a) data << ' ' << v;
      data << "\nb_" << p.key;
      for (const double v : p.b) data << ' ' << v;
      data << '\n';
    }
    for (const auto& [n, x] : kstwo_points) data << "kstwo " << n << ' ' << x << '\n';
    for (const auto& [p, df] : t_points) data << "tppf " << p << ' ' << df << '\n';
    std::ofstream(script_path) << kScript;
  }
  std::string output;
  {
    FILE* pipe =
        ::popen(("/usr/bin/python3 " + script_path + " " + data_path + " 2>&1").c_str(), "r");
    REQUIRE(pipe != nullptr);
    char buf[4096];
    while (std::fgets(buf, sizeof buf, pipe) != nullptr) output += buf;
    ::pclose(pipe);
  }
  std::filesystem::remove(data_path);
  std::filesystem::remove(script_path);
  if (output.rfind("MISSING", 0) == 0) {
    WARN("skipped: numpy/scipy not importable by /usr/bin/python3: " << output);
    return;
  }
  REQUIRE_THAT(output, Catch::Contains("DONE"));
  std::map<std::string, double> ref;
  std::istringstream in(output);
  std::string kind, key, value;
  while (in >> kind) {
    if (kind == "DONE") break;
    in >> key >> value;
    ref[kind + " " + key] = std::stod(value);
  }
  auto expect = [&](const std::string& name, double ours, double rel = 1e-9) {
    const auto it = ref.find(name);
    REQUIRE(it != ref.end());
    INFO(name << ": ours " << ours << ", scipy " << it->second);
    CHECK(close(ours, it->second, rel));
  };
  for (const auto& p : pairs) {
    const KsResult ks = ks_2samp(p.a, p.b);
    expect("ks_d " + p.key, ks.statistic);
    expect("ks_p " + p.key, ks.p_value);
    expect("w1 " + p.key, wasserstein_distance(p.a, p.b));
    for (const double q : {0.0, 0.01, 0.25, 0.5, 0.9, 0.99, 1.0}) {
      std::ostringstream qs;
      qs << q;
      std::string qtext = qs.str();
      if (qtext.find('.') == std::string::npos) qtext += ".0";
      expect("quantile " + p.key + "_" + qtext, quantile(p.a, q));
    }
    expect("mean " + p.key, mean(p.a));
    expect("std " + p.key, sample_stddev(p.a));
  }
  for (std::size_t i = 0; i < kstwo_points.size(); ++i) {
    expect("kstwo " + std::to_string(i),
           kolmogorov_sf(kstwo_points[i].first, kstwo_points[i].second));
  }
  for (std::size_t i = 0; i < t_points.size(); ++i) {
    expect("tppf " + std::to_string(i), student_t_quantile(t_points[i].first, t_points[i].second));
  }
}
