#include "sim/io/atomic_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "sim/io/output_error.hpp"

namespace fleetsim::io {

namespace {

std::string errno_text(int err) {
  return std::strerror(err);
}

// fsync so that a crash after the rename cannot leave an empty or partial final file.
void sync_file(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    throw OutputError("cannot reopen '" + path + "' to flush it: " + errno_text(errno));
  }
  const int rc = ::fsync(fd);
  const int err = errno;
  ::close(fd);
  if (rc != 0) throw OutputError("cannot flush '" + path + "' to disk: " + errno_text(err));
}

}  // namespace

std::string temporary_path_for(const std::string& final_path) {
  return final_path + ".tmp-" + std::to_string(static_cast<long long>(::getpid()));
}

void publish_file(const std::string& temp_path, const std::string& final_path) {
  try {
    sync_file(temp_path);
  } catch (...) {
    std::remove(temp_path.c_str());
    throw;
  }
  if (std::rename(temp_path.c_str(), final_path.c_str()) != 0) {
    const int err = errno;
    std::remove(temp_path.c_str());
    throw OutputError("cannot rename '" + temp_path + "' to '" + final_path +
                      "': " + errno_text(err));
  }
}

AtomicTextFile::AtomicTextFile(std::string final_path)
    : final_path_(std::move(final_path)), temp_path_(temporary_path_for(final_path_)) {
  if (final_path_.empty()) throw OutputError("output path is empty");
  errno = 0;
  out_.open(temp_path_, std::ios::out | std::ios::trunc | std::ios::binary);
  if (!out_) {
    const int err = errno;
    throw OutputError("cannot create '" + temp_path_ + "' (temporary file for '" + final_path_ +
                      "'): " + (err != 0 ? errno_text(err) : std::string("open failed")));
  }
}

AtomicTextFile::~AtomicTextFile() {
  if (committed_) return;
  out_.close();
  std::remove(temp_path_.c_str());
}

void AtomicTextFile::commit() {
  if (committed_) throw std::logic_error("AtomicTextFile::commit called twice");
  errno = 0;
  out_.flush();
  const bool flushed = static_cast<bool>(out_);
  out_.close();
  if (!flushed || out_.fail()) {
    const int err = errno;
    std::remove(temp_path_.c_str());
    committed_ = true;  // nothing left to clean up
    throw OutputError("cannot write '" + temp_path_ +
                      "': " + (err != 0 ? errno_text(err) : std::string("write failed")));
  }
  committed_ = true;
  publish_file(temp_path_, final_path_);
}

}  // namespace fleetsim::io
