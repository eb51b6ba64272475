#include "sim/io/trace_writer.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <utility>

#include "sim/core/time.hpp"
#include "sim/io/atomic_file.hpp"
#include "sim/io/hdf5_columns.hpp"
#include "sim/io/hdf5_series.hpp"
#include "sim/io/hdf5_support.hpp"
#include "sim/io/hdf5_tables.hpp"

namespace fleetsim::io {

namespace {

constexpr std::int32_t kFormatVersion = 1;

// Pinned format bounds: HDF5 1.8 object formats at both ends. The low bound enables
// dense attribute storage (a long scenario_text attribute) and v2 object headers; the
// high bound keeps files readable by HDF5 >= 1.8 and keeps their bytes from changing
// when the library is upgraded.
h5::Handle file_access_properties() {
  h5::Handle fapl = h5::owned(H5Pcreate(H5P_FILE_ACCESS), H5Pclose, "file access properties");
  h5::check(H5Pset_fapl_sec2(fapl.get()), "file driver");  // discard_file_writes needs it
  h5::check(H5Pset_libver_bounds(fapl.get(), H5F_LIBVER_V18, H5F_LIBVER_V18), "format bounds");
  h5::check(H5Pset_fclose_degree(fapl.get(), H5F_CLOSE_STRONG), "close degree");
#if (H5_VERS_MAJOR == 1 && H5_VERS_MINOR == 10 && H5_VERS_RELEASE >= 7) || \
    (H5_VERS_MAJOR == 1 && H5_VERS_MINOR == 12 && H5_VERS_RELEASE >= 1) || \
    (H5_VERS_MAJOR == 1 && H5_VERS_MINOR > 12) || H5_VERS_MAJOR > 1
  // The temporary file is private to this writer: no lock needed (and locks fail on
  // some network file systems).
  h5::check(H5Pset_file_locking(fapl.get(), false, true), "file locking");
#endif
  return fapl;
}

h5::Handle file_creation_properties() {
  h5::Handle fcpl = h5::owned(H5Pcreate(H5P_FILE_CREATE), H5Pclose, "file creation properties");
  h5::check(H5Pset_obj_track_times(fcpl.get(), 0), "root group time tracking");
  return fcpl;
}

// Creates (truncates) the temporary file once with plain POSIX calls, so that the common
// failures (missing directory, permissions, read-only file system) read as one clear line.
void probe_writable(const std::string& temp, const std::string& final_path) {
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0) {
    const int err = errno;
    throw OutputError("cannot create temporary file '" + temp + "' for '" + final_path +
                      "': " + std::strerror(err));
  }
  ::close(fd);
}

void write_root_attributes(hid_t file, const TraceHeader& h) {
  h5::set_attr(file, "format", std::string("fleetsim-trace"));
  h5::set_attr(file, "format_version", kFormatVersion);
  h5::set_attr(file, "complete", std::int32_t{0});
  h5::set_attr(file, "scenario_name", h.scenario_name);
  h5::set_attr(file, "scenario_text", h.scenario_text);
  h5::set_attr(file, "seed", h.seed);
  h5::set_attr(file, "fleetsim_version", h.fleetsim_version);
  h5::set_attr(file, "overrides", h.overrides);
  h5::set_attr(file, "duration_s", to_seconds(h.duration_us));
  h5::set_attr(file, "duration_us", h.duration_us);
  h5::set_attr(file, "sample_interval_s", to_seconds(h.sample_interval_us));
  h5::set_attr(file, "sample_interval_us", h.sample_interval_us);
  h5::set_attr(file, "time_unit",
               std::string("/events time_us: int64 microseconds since scenario start; "
                           "/series/time: float64 seconds since scenario start"));
}

}  // namespace

struct TraceWriter::Impl {
  std::string final_path;
  std::string temp_path;
  h5::Handle file, names, topology, series, provenance, events, event_type, jobs;
  std::vector<TraceEvent> buffer;  // events not yet written; fewer than one chunk
  std::size_t rows_written = 0;
  std::uint64_t appended = 0;
  std::int64_t last_time = 0;
  bool components_written = false;
  bool series_written = false;
  bool committed = false;
  bool failed = false;

  ~Impl() {
    if (committed) return;
    h5::LibraryScope scope;
    h5::discard_file_writes(file.get());  // the file is abandoned: close it without I/O
    for (h5::Handle* h : {&jobs, &event_type, &events, &provenance, &series, &topology, &names, &file}) {
      h->reset();
    }
    if (!temp_path.empty()) std::remove(temp_path.c_str());
  }

  // Runs one public operation: refuses after commit or failure; marks failure on OutputError.
  template <class F>
  void run(const char* operation, F&& body) {
    if (committed) {
      throw std::logic_error(std::string("TraceWriter::") + operation + " after commit");
    }
    if (failed) {
      throw std::logic_error(std::string("TraceWriter::") + operation +
                             " after an earlier output error on '" + final_path + "'");
    }
    h5::LibraryScope scope;
    try {
      body();
    } catch (const OutputError& e) {
      failed = true;
      throw OutputError("trace '" + final_path + "': " + e.what());
    }
  }

  void write_buffer() {
    h5::append_event_rows(events.get(), event_type.get(), rows_written, buffer.data(),
                          buffer.size());
    rows_written += buffer.size();
    buffer.clear();
  }
};

TraceWriter::TraceWriter(std::string final_path, const TraceHeader& header)
    : impl_(std::make_unique<Impl>()) {
  Impl& w = *impl_;
  w.final_path = std::move(final_path);
  if (w.final_path.empty()) throw OutputError("trace output path is empty");
  for (const auto& [key, value] : header.provenance) {
    if (key.empty()) throw std::invalid_argument("trace provenance key is empty");
  }
  w.buffer.reserve(kEventChunkRows);
  w.run("TraceWriter", [&] {
    const std::string temp = temporary_path_for(w.final_path);
    probe_writable(temp, w.final_path);
    w.temp_path = temp;  // from here on the destructor removes it
    h5::Handle fcpl = file_creation_properties();
    h5::Handle fapl = file_access_properties();
    const hid_t id = H5Fcreate(temp.c_str(), H5F_ACC_TRUNC, fcpl.get(), fapl.get());
    if (id < 0) {
      throw OutputError("cannot create temporary file '" + temp + "': " + h5::take_error_text());
    }
    w.file = h5::Handle(id, H5Fclose);
    write_root_attributes(w.file.get(), header);
    w.names = h5::create_group(w.file.get(), "names");
    w.topology = h5::create_group(w.file.get(), "topology");
    w.series = h5::create_group(w.file.get(), "series");
    w.provenance = h5::create_group(w.file.get(), "provenance");
    for (const auto& [key, value] : header.provenance) {
      h5::set_attr(w.provenance.get(), key.c_str(), value);
    }
    w.event_type = h5::event_memory_type();
    w.events = h5::create_events_dataset(w.file.get(), kEventChunkRows);
  });
}

TraceWriter::~TraceWriter() = default;
TraceWriter::TraceWriter(TraceWriter&&) noexcept = default;
TraceWriter& TraceWriter::operator=(TraceWriter&&) noexcept = default;

void TraceWriter::write_names(const NameTable& table) {
  check_name(table.name, "name table");
  Impl& w = *impl_;
  w.run("write_names", [&] {
    if (h5::check(H5Lexists(w.names.get(), table.name.c_str(), H5P_DEFAULT), "names lookup") > 0) {
      throw std::invalid_argument("name table '" + table.name + "' is written twice");
    }
    const std::string description =
        table.description.empty() ? "Names of the '" + table.name + "' codes: code i is element i."
                                  : table.description;
    h5::write_strings(w.names.get(), table.name, table.names, description)
        .close("/names/" + table.name);
  });
}

void TraceWriter::write_components(const ComponentTable& table) {
  table.rows();  // throws std::invalid_argument on ragged columns
  Impl& w = *impl_;
  w.run("write_components", [&] {
    if (w.components_written) throw std::invalid_argument("components are written twice");
    h5::write_component_table(w.topology.get(), table);
    w.components_written = true;
  });
}

void TraceWriter::append_events(const TraceEvent* data, std::size_t n) {
  Impl& w = *impl_;
  std::int64_t last = w.last_time;
  for (std::size_t i = 0; i < n; ++i) {
    if (data[i].time_us < last && (w.appended > 0 || i > 0)) {
      throw std::invalid_argument("trace events must not go back in time: event " +
                                  std::to_string(w.appended + i) + " at " +
                                  std::to_string(data[i].time_us) + " us follows one at " +
                                  std::to_string(last) + " us");
    }
    last = data[i].time_us;
  }
  w.run("append_events", [&] {
    std::size_t done = 0;
    while (done < n) {
      const std::size_t take = std::min(n - done, kEventChunkRows - w.buffer.size());
      w.buffer.insert(w.buffer.end(), data + done, data + done + take);
      done += take;
      if (w.buffer.size() == kEventChunkRows) w.write_buffer();
    }
    w.appended += n;
    if (n > 0) w.last_time = last;
  });
}

void TraceWriter::write_series(const std::vector<std::int64_t>& sample_times_us,
                               const std::vector<SeriesGroup>& groups) {
  check_series(sample_times_us, groups);
  Impl& w = *impl_;
  w.run("write_series", [&] {
    if (w.series_written) throw std::invalid_argument("series are written twice");
    h5::write_series_datasets(w.series.get(), sample_times_us, groups);
    w.series_written = true;
  });
}

void TraceWriter::write_table(const ColumnTable& table) {
  check_name(table.name, "table");
  for (const Column& c : table.columns) check_name(c.name, "table column");
  table.rows();  // throws std::invalid_argument on ragged columns
  Impl& w = *impl_;
  w.run("write_table", [&] {
    if (!w.jobs) w.jobs = h5::create_group(w.file.get(), "jobs");
    if (h5::check(H5Lexists(w.jobs.get(), table.name.c_str(), H5P_DEFAULT), "jobs lookup") > 0) {
      throw std::invalid_argument("table '" + table.name + "' is written twice");
    }
    h5::write_column_table(w.jobs.get(), table);
  });
}

void TraceWriter::commit() {
  Impl& w = *impl_;
  w.run("commit", [&] {
    w.write_buffer();
    h5::set_attr(w.file.get(), "complete", std::int32_t{1});  // last write: the file is whole
    // Flush everything while all objects are open: if the disk is full this fails with
    // nothing closed yet, and the destructor can still tear the file down safely.
    h5::check(H5Fflush(w.file.get(), H5F_SCOPE_GLOBAL), "flushing");
    if (w.jobs) w.jobs.close("/jobs");
    w.event_type.close("events type");
    w.events.close("/events");
    w.provenance.close("/provenance");
    w.series.close("/series");
    w.topology.close("/topology");
    w.names.close("/names");
    w.file.close("file");
    w.committed = true;  // the temporary file is closed; publish_file removes it on failure
    publish_file(w.temp_path, w.final_path);
  });
}

const std::string& TraceWriter::final_path() const {
  return impl_->final_path;
}
const std::string& TraceWriter::temp_path() const {
  return impl_->temp_path;
}
std::uint64_t TraceWriter::event_count() const {
  return impl_->appended;
}

}  // namespace fleetsim::io
