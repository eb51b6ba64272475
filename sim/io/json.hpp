#pragma once
/// A minimal streaming JSON writer: objects, arrays, strings with full escaping,
/// integers and doubles in shortest round-trip form (non-finite doubles become null).

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace fleetsim::io {

class JsonWriter {
 public:
  explicit JsonWriter(bool pretty = false) : pretty_(pretty) {}

  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(std::string_view k);
  JsonWriter& value(std::string_view s);
  JsonWriter& value(const char* s) { return value(std::string_view(s)); }
  JsonWriter& value(double d);
  JsonWriter& value(std::int64_t i);
  JsonWriter& value(std::uint64_t u);
  JsonWriter& value(int i) { return value(static_cast<std::int64_t>(i)); }
  JsonWriter& value(unsigned u) { return value(static_cast<std::uint64_t>(u)); }
  JsonWriter& value(bool b);
  JsonWriter& null();

  template <class T>
  JsonWriter& field(std::string_view k, const T& v) {
    key(k);
    return value(v);
  }

  const std::string& str() const { return out_; }

 private:
  void before_value();
  void newline();
  std::string out_;
  std::vector<bool> first_;  // per open container: no element written yet
  bool after_key_ = false;
  bool pretty_;
};

/// Appends s to out as a quoted JSON string.
void json_escape(std::string& out, std::string_view s);
/// Shortest round-trip text of a double ("null" when not finite).
std::string format_double(double d);

}  // namespace fleetsim::io
