#pragma once
/// Alibaba cluster-trace-gpu-v2023 ("openb"): node list and Kubernetes pod list.
///
/// Both are CSV with a header; columns are found by name.
///   nodes: sn, cpu_milli, memory_mib, gpu, model (empty for CPU-only nodes)
///   pods:  name, cpu_milli, memory_mib, num_gpu, gpu_milli, gpu_spec, qos, pod_phase,
///          creation_time, deletion_time, scheduled_time (seconds from trace start;
///          empty = never)

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/io/importers/import_error.hpp"

namespace fleetsim::io {

struct GpuNode {
  std::string name;             ///< sn, e.g. "openb-node-0000"
  std::int64_t cpu_milli = 0;   ///< CPU capacity, milli-cores
  std::int64_t memory_mib = 0;  ///< memory capacity, MiB
  int gpus = 0;                 ///< whole GPUs on the node
  std::string gpu_model;        ///< e.g. "V100M16", "T4"; empty for CPU-only nodes
};

struct GpuPod {
  std::string name;             ///< e.g. "openb-pod-0000"
  std::int64_t cpu_milli = 0;   ///< CPU request, milli-cores
  std::int64_t memory_mib = 0;  ///< memory request, MiB
  int num_gpu = 0;              ///< GPUs requested
  int gpu_milli = 0;            ///< share of each GPU, 0-1000 (1000 = whole GPU)
  std::vector<std::string>
      gpu_spec;                 ///< allowed GPU models (`|`-separated in the file); empty = any
  std::string qos;              ///< LS, BE, Burstable, Guaranteed
  std::string phase;            ///< Running, Succeeded, Failed, Pending
  std::int64_t creation_s = 0;  ///< seconds from trace start
  std::optional<std::int64_t> deletion_s;  ///< seconds from trace start, >= creation_s
  std::optional<std::int64_t>
      scheduled_s;  ///< seconds from trace start, >= creation_s; empty = never scheduled
};

/// Reads openb_node_list_*.csv (plain or .gz).
std::vector<GpuNode> read_alibaba_gpu_nodes(const std::string& path);
/// Reads openb_pod_list_*.csv (plain or .gz), rows in file order.
std::vector<GpuPod> read_alibaba_gpu_pods(const std::string& path);

}  // namespace fleetsim::io
