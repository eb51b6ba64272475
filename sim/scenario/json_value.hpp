#pragma once
/// A small ordered JSON value, enough to build the scenario's JSON Schema in code and
/// print it deterministically (keys keep their insertion order).

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace fleetsim::scenario {

/// A JSON value: null, bool, integer, number, string, array or object.
class Json {
 public:
  enum class Type { Null, Bool, Int, Number, String, Array, Object };

  Json() = default;
  Json(bool b) : type_(Type::Bool), bool_(b) {}
  Json(int i) : type_(Type::Int), int_(i) {}
  Json(std::int64_t i) : type_(Type::Int), int_(i) {}
  Json(double d) : type_(Type::Number), number_(d) {}
  Json(const char* s) : type_(Type::String), string_(s) {}
  Json(std::string s) : type_(Type::String), string_(std::move(s)) {}

  static Json object() { return Json(Type::Object); }
  static Json array() { return Json(Type::Array); }
  /// An array of strings.
  static Json strings(const std::vector<std::string>& items);

  Type type() const { return type_; }
  bool is_null() const { return type_ == Type::Null; }

  /// Object: sets key (replacing an existing value, keeping its position).
  Json& set(const std::string& key, Json value);
  /// Object: the value of key, or nullptr.
  const Json* get(const std::string& key) const;
  /// Array: appends.
  Json& push(Json value);
  bool empty() const { return members_.empty() && elements_.empty(); }

  /// Pretty-printed with two-space indentation; arrays of scalars stay on one line.
  std::string dump() const;

 private:
  explicit Json(Type t) : type_(t) {}
  void dump_to(std::string& out, int depth) const;
  bool is_scalar() const { return type_ != Type::Array && type_ != Type::Object; }

  Type type_ = Type::Null;
  bool bool_ = false;
  std::int64_t int_ = 0;
  double number_ = 0;
  std::string string_;
  std::vector<Json> elements_;
  std::vector<std::pair<std::string, Json>> members_;
};

}  // namespace fleetsim::scenario
