#pragma once
/// Per-VM CPU demand series from two public VM traces.
///
/// PlanetLab (CoMon, as shipped with CloudSim): CSV `day,vm,t000,...,t287` (or `vm,t000,...`
/// for a single-day file), one row per VM-day, 288 integer CPU percentages at 300 s steps.
/// The data carry no time zone: sample i of day D is at D 00:00 UTC + i * 300 s.
///
/// Bitbrains GWA-T-12 Rnd (long format): CSV `vm,month,timestamp_s,cpu_cores,
/// cpu_capacity_provisioned_mhz,cpu_usage_mhz,cpu_usage_pct,...`, one row per sample,
/// timestamps in Unix seconds. Rows of one VM (all months) form one series.

#include <string>
#include <vector>

#include "sim/io/importers/import_error.hpp"

namespace fleetsim::io {

struct VmCpuSeries {
  std::string vm;               ///< PlanetLab: `<host>_<slice>` name; Bitbrains: VM file number
  std::string period;           ///< PlanetLab: day "YYYYMMDD"; Bitbrains: empty (months joined)
  std::vector<double> times_s;  ///< Unix epoch seconds, increasing
  std::vector<double> cpu_pct;  ///< CPU utilisation, percent of the VM's CPU (>= 0)
  std::vector<double> cpu_mhz;  ///< Bitbrains: CPU used, MHz; empty for PlanetLab
  std::vector<double> capacity_mhz;  ///< Bitbrains: CPU provisioned, MHz; empty for PlanetLab
};

struct PlanetLabOptions {
  /// Day of a file without a `day` column, "YYYYMMDD"; when empty, the first 8-digit run
  /// in the file name (planetlab_cpu_20110303.csv -> 20110303).
  std::string day;
  double sample_interval_s = 300;  ///< spacing of t000, t001, ...
};

/// One series per row (VM-day), in file order.
std::vector<VmCpuSeries> read_planetlab_cpu(const std::string& path,
                                            const PlanetLabOptions& options = {});

struct BitbrainsOptions {
  /// Drop a sample whose timestamp equals the previous sample's of the same VM (VM 20 of
  /// 2013-8 repeats most timestamps); otherwise such repeats are kept.
  bool drop_repeated_timestamps = false;
};

/// One series per VM in order of first appearance; samples in file order, which must be
/// non-decreasing in time per VM (a step back in time is an ImportError).
std::vector<VmCpuSeries> read_bitbrains_cpu(const std::string& path,
                                            const BitbrainsOptions& options = {});

}  // namespace fleetsim::io
