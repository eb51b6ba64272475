#include "sim/scenario/decoder.hpp"

namespace fleetsim::scenario {

void Decoder::error(const YamlNode& at, const std::string& path, std::string message,
                    std::string hint) {
  if (!at.origin.empty()) {
    const std::string from = "from --set " + at.origin;
    hint = hint.empty() ? from : hint + "; " + from;
  }
  error_at(at.where, path, std::move(message), std::move(hint));
}

void Decoder::error_at(const Location& where, const std::string& path, std::string message,
                       std::string hint) {
  errors_.push_back(Diagnostic::make(where, path, std::move(message), std::move(hint)));
}

const std::string* Decoder::scalar(const YamlNode& n, const std::string& path,
                                   std::string_view what) {
  if (n.is_scalar()) return &n.text;
  error(n, path, "expected " + std::string(what) + ", got " + n.describe());
  return nullptr;
}

std::string Decoder::resolve(const std::string& file) const {
  if (file.empty() || file.front() == '/' || base_dir_.empty()) return file;
  return base_dir_ + "/" + file;
}

std::string join_path(const std::string& parent, std::string_view key) {
  if (parent.empty()) return std::string(key);
  return parent + "." + std::string(key);
}

}  // namespace fleetsim::scenario
