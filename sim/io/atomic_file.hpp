#pragma once
/// Temp-then-rename output: a file appears under its final name complete or not at all.
/// Writers create "<final>.tmp-<pid>" next to the final path (same directory, so the
/// rename is atomic on POSIX file systems), fsync it, then rename it over the final name.
/// A writer that fails or is destroyed before commit removes its temporary file.

#include <fstream>
#include <string>

namespace fleetsim::io {

/// "<final_path>.tmp-<pid>": the temporary name used while writing final_path.
std::string temporary_path_for(const std::string& final_path);

/// fsyncs temp_path and renames it to final_path; throws OutputError on failure (the
/// temporary file is then removed).
void publish_file(const std::string& temp_path, const std::string& final_path);

/// A text file written through a stream and published atomically by commit().
class AtomicTextFile {
 public:
  /// Opens the temporary file; throws OutputError naming the path when it cannot.
  explicit AtomicTextFile(std::string final_path);
  AtomicTextFile(const AtomicTextFile&) = delete;
  AtomicTextFile& operator=(const AtomicTextFile&) = delete;
  /// Removes the temporary file unless commit() succeeded; never throws.
  ~AtomicTextFile();

  /// The stream to write to (buffered; errors are detected at commit()).
  std::ostream& stream() { return out_; }
  /// Flushes, closes, checks for write errors, fsyncs and renames to the final path.
  void commit();

 private:
  std::string final_path_;
  std::string temp_path_;
  std::ofstream out_;
  bool committed_ = false;
};

}  // namespace fleetsim::io
