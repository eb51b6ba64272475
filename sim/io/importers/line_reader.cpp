#include "sim/io/importers/line_reader.hpp"

#include <zlib.h>

#include <cerrno>
#include <cstring>
#include <utility>

namespace fleetsim::io {

namespace {

constexpr std::size_t kChunk = 256 * 1024;

gzFile as_gz(void* p) {
  return static_cast<gzFile>(p);
}

std::string gz_error_text(gzFile f) {
  int code = Z_OK;
  const char* text = gzerror(f, &code);
  if (code == Z_ERRNO) return std::strerror(errno);
  return text != nullptr && *text != '\0' ? text : "read error";
}

}  // namespace

LineReader::LineReader(std::string path) : path_(std::move(path)) {
  errno = 0;
  gzFile f = gzopen(path_.c_str(), "rb");
  if (f == nullptr) {
    const int err = errno;
    throw ImportError(
        path_, 0, std::string("cannot open: ") + (err != 0 ? std::strerror(err) : "gzopen failed"));
  }
  gzbuffer(f, kChunk);
  gz_ = f;
  buffer_.resize(kChunk);
}

LineReader::~LineReader() {
  if (gz_ != nullptr) gzclose(as_gz(gz_));
}

bool LineReader::refill() {
  if (eof_) return false;
  const int n = gzread(as_gz(gz_), buffer_.data(), static_cast<unsigned>(buffer_.size()));
  if (n < 0) {
    throw ImportError(path_, line_number_ + 1, "read error: " + gz_error_text(as_gz(gz_)));
  }
  if (n == 0) {
    int code = Z_OK;
    gzerror(as_gz(gz_), &code);
    if (code != Z_OK && code != Z_STREAM_END) {
      throw ImportError(path_, line_number_ + 1,
                        "corrupt or truncated compressed data: " + gz_error_text(as_gz(gz_)));
    }
    eof_ = true;
    return false;
  }
  begin_ = 0;
  end_ = static_cast<std::size_t>(n);
  return true;
}

bool LineReader::next(std::string_view& line) {
  carry_.clear();
  bool have_carry = false;
  for (;;) {
    if (begin_ == end_ && !refill()) {
      if (!have_carry) return false;
      break;  // last line without a final newline
    }
    const char* start = buffer_.data() + begin_;
    const std::size_t avail = end_ - begin_;
    const void* nl = std::memchr(start, '\n', avail);
    if (nl != nullptr) {
      const std::size_t len = static_cast<std::size_t>(static_cast<const char*>(nl) - start);
      begin_ += len + 1;
      if (have_carry) {
        carry_.append(start, len);
        break;
      }
      line = std::string_view(start, len);
      ++line_number_;
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (std::memchr(line.data(), '\0', line.size()) != nullptr) fail("NUL byte in a text file");
      return true;
    }
    carry_.append(start, avail);
    have_carry = true;
    begin_ = end_;
  }
  line = carry_;
  ++line_number_;
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  if (std::memchr(line.data(), '\0', line.size()) != nullptr) fail("NUL byte in a text file");
  return true;
}

std::string read_text_file(const std::string& path) {
  LineReader reader(path);
  std::string out;
  std::string_view line;
  while (reader.next(line)) {
    out.append(line);
    out += '\n';
  }
  return out;
}

}  // namespace fleetsim::io
