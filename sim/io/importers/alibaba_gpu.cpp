#include "sim/io/importers/alibaba_gpu.hpp"

#include <limits>

#include "sim/io/importers/csv_row.hpp"
#include "sim/io/importers/line_reader.hpp"
#include "sim/io/importers/text_parse.hpp"

namespace fleetsim::io {

namespace {

std::int64_t non_negative(std::string_view s, const char* column, const SourceLocation& loc) {
  const std::int64_t v = require_int(trim(s), column, loc);
  if (v < 0) loc.fail(std::string(column) + ": negative value " + quoted(s));
  return v;
}

int small(std::string_view s, const char* column, std::int64_t max, const SourceLocation& loc) {
  const std::int64_t v = non_negative(s, column, loc);
  if (v > max)
    loc.fail(std::string(column) + ": value " + quoted(s) + " is above " + std::to_string(max));
  return static_cast<int>(v);
}

std::optional<std::int64_t> optional_time(std::string_view s, const char* column,
                                          const SourceLocation& loc) {
  s = trim(s);
  if (s.empty()) return std::nullopt;
  return non_negative(s, column, loc);
}

CsvHeader read_header(LineReader& reader, CsvRow& row, const char* expected) {
  std::string_view line;
  if (!reader.next(line))
    reader.fail(std::string("empty file: expected a header row (") + expected + ")");
  row.split(line, reader.location());
  return CsvHeader(row, reader.location());
}

}  // namespace

std::vector<GpuNode> read_alibaba_gpu_nodes(const std::string& path) {
  LineReader reader(path);
  CsvRow row;
  const CsvHeader header = read_header(reader, row, "sn,cpu_milli,memory_mib,gpu,model");
  const SourceLocation h = reader.location();
  const std::size_t c_sn = header.require("sn", h);
  const std::size_t c_cpu = header.require("cpu_milli", h);
  const std::size_t c_mem = header.require("memory_mib", h);
  const std::size_t c_gpu = header.require("gpu", h);
  const std::size_t c_model = header.require("model", h);
  std::vector<GpuNode> out;
  std::string_view line;
  while (reader.next(line)) {
    const SourceLocation loc = reader.location();
    if (trim(line).empty()) continue;
    row.split(line, loc);
    require_field_count(row, header.size(), loc);
    GpuNode n;
    n.name = std::string(trim(row[c_sn]));
    if (n.name.empty()) loc.fail("sn is empty");
    n.cpu_milli = non_negative(row[c_cpu], "cpu_milli", loc);
    n.memory_mib = non_negative(row[c_mem], "memory_mib", loc);
    n.gpus = small(row[c_gpu], "gpu", 1024, loc);
    n.gpu_model = std::string(trim(row[c_model]));
    if (n.gpus > 0 && n.gpu_model.empty()) loc.fail("model is empty on a node with GPUs");
    out.push_back(std::move(n));
  }
  return out;
}

std::vector<GpuPod> read_alibaba_gpu_pods(const std::string& path) {
  LineReader reader(path);
  CsvRow row;
  const CsvHeader header = read_header(
      reader, row, "name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,...");
  const SourceLocation h = reader.location();
  const std::size_t c_name = header.require("name", h);
  const std::size_t c_cpu = header.require("cpu_milli", h);
  const std::size_t c_mem = header.require("memory_mib", h);
  const std::size_t c_ngpu = header.require("num_gpu", h);
  const std::size_t c_gmilli = header.require("gpu_milli", h);
  const std::size_t c_spec = header.require("gpu_spec", h);
  const std::size_t c_qos = header.require("qos", h);
  const std::size_t c_phase = header.require("pod_phase", h);
  const std::size_t c_create = header.require("creation_time", h);
  const std::size_t c_delete = header.require("deletion_time", h);
  const std::size_t c_sched = header.require("scheduled_time", h);
  std::vector<GpuPod> out;
  std::string_view line;
  while (reader.next(line)) {
    const SourceLocation loc = reader.location();
    if (trim(line).empty()) continue;
    row.split(line, loc);
    require_field_count(row, header.size(), loc);
    GpuPod p;
    p.name = std::string(trim(row[c_name]));
    if (p.name.empty()) loc.fail("name is empty");
    p.cpu_milli = non_negative(row[c_cpu], "cpu_milli", loc);
    p.memory_mib = non_negative(row[c_mem], "memory_mib", loc);
    p.num_gpu = small(row[c_ngpu], "num_gpu", 1024, loc);
    p.gpu_milli = small(row[c_gmilli], "gpu_milli", 1000, loc);
    std::string_view spec = trim(row[c_spec]);
    while (!spec.empty()) {
      const auto bar = spec.find('|');
      const std::string_view one = trim(spec.substr(0, bar));
      if (one.empty()) loc.fail("gpu_spec: empty model name in " + quoted(row[c_spec]));
      p.gpu_spec.emplace_back(one);
      if (bar == std::string_view::npos) break;
      spec.remove_prefix(bar + 1);
      if (spec.empty()) loc.fail("gpu_spec: empty model name in " + quoted(row[c_spec]));
    }
    p.qos = std::string(trim(row[c_qos]));
    p.phase = std::string(trim(row[c_phase]));
    if (p.phase.empty()) loc.fail("pod_phase is empty");
    const auto created = optional_time(row[c_create], "creation_time", loc);
    if (!created) loc.fail("creation_time is empty");
    p.creation_s = *created;
    p.deletion_s = optional_time(row[c_delete], "deletion_time", loc);
    p.scheduled_s = optional_time(row[c_sched], "scheduled_time", loc);
    if (p.deletion_s && *p.deletion_s < p.creation_s) {
      loc.fail("deletion_time " + std::to_string(*p.deletion_s) + " is before creation_time " +
               std::to_string(p.creation_s));
    }
    if (p.scheduled_s && *p.scheduled_s < p.creation_s) {
      loc.fail("scheduled_time " + std::to_string(*p.scheduled_s) + " is before creation_time " +
               std::to_string(p.creation_s));
    }
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace fleetsim::io
