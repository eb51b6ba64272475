#pragma once
/// Line-by-line reading of a text file that may be gzip-compressed.
///
/// zlib's gzread reads plain files transparently, so one reader serves `x.csv` and
/// `x.csv.gz`. The file is streamed in 256 KiB chunks: memory stays bounded whatever the
/// decompressed size. Lines end with `\n`; a trailing `\r` is removed; a missing final
/// newline is fine. A NUL byte, a corrupt or truncated gzip stream, or a read error is an
/// ImportError located at the line where it happened.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sim/io/importers/import_error.hpp"

namespace fleetsim::io {

class LineReader {
 public:
  /// Opens path; throws ImportError (line 0) when it cannot be opened.
  explicit LineReader(std::string path);
  ~LineReader();
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  /// Advances to the next line; false at end of file. The view stays valid until the
  /// next call. Throws ImportError on a read or decompression error.
  bool next(std::string_view& line);

  /// 1-based number of the line last returned by next() (0 before the first).
  std::int64_t line_number() const { return line_number_; }
  const std::string& path() const { return path_; }
  /// The current position, for SourceLocation::fail.
  SourceLocation location() const { return SourceLocation{&path_, line_number_}; }
  /// Throws ImportError at the current line.
  [[noreturn]] void fail(std::string message) const { location().fail(std::move(message)); }

 private:
  bool refill();

  std::string path_;
  void* gz_ = nullptr;  // gzFile, kept opaque so that zlib.h stays out of this header
  std::vector<char> buffer_;
  std::size_t begin_ = 0;  // first unread byte in buffer_
  std::size_t end_ = 0;    // one past the last valid byte in buffer_
  bool eof_ = false;
  std::string carry_;  // a line that spans two chunks
  std::int64_t line_number_ = 0;
};

/// Reads a whole (possibly gzip-compressed) file into a string; for formats that are not
/// line-oriented (JSON). Throws ImportError on failure.
std::string read_text_file(const std::string& path);

}  // namespace fleetsim::io
