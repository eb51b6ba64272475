#include "sim/scenario/json_value.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace fleetsim::scenario {

namespace {

void escape(std::string& out, const std::string& s) {
  out += '"';
  for (const char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
          out += buf;
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

}  // namespace

Json Json::strings(const std::vector<std::string>& items) {
  Json a = array();
  for (const auto& s : items) a.push(s);
  return a;
}

Json& Json::set(const std::string& key, Json value) {
  for (auto& [k, v] : members_) {
    if (k == key) {
      v = std::move(value);
      return *this;
    }
  }
  members_.emplace_back(key, std::move(value));
  return *this;
}

const Json* Json::get(const std::string& key) const {
  for (const auto& [k, v] : members_) {
    if (k == key) return &v;
  }
  return nullptr;
}

Json& Json::push(Json value) {
  elements_.push_back(std::move(value));
  return *this;
}

std::string Json::dump() const {
  std::string out;
  dump_to(out, 0);
  out += '\n';
  return out;
}

void Json::dump_to(std::string& out, int depth) const {
  const std::string pad(2 * (depth + 1), ' ');
  const std::string close_pad(2 * depth, ' ');
  switch (type_) {
    case Type::Null:
      out += "null";
      return;
    case Type::Bool:
      out += bool_ ? "true" : "false";
      return;
    case Type::Int:
      out += std::to_string(int_);
      return;
    case Type::Number: {
      if (!std::isfinite(number_)) {
        out += "null";
        return;
      }
      char buf[32];
      const auto r = std::to_chars(buf, buf + sizeof buf, number_);
      out.append(buf, r.ptr);
      return;
    }
    case Type::String:
      escape(out, string_);
      return;
    case Type::Array: {
      bool flat = true;
      for (const Json& e : elements_) flat = flat && e.is_scalar();
      out += '[';
      for (std::size_t i = 0; i < elements_.size(); ++i) {
        if (i) out += flat ? ", " : ",";
        if (!flat) out += "\n" + pad;
        elements_[i].dump_to(out, depth + 1);
      }
      if (!flat && !elements_.empty()) out += "\n" + close_pad;
      out += ']';
      return;
    }
    case Type::Object: {
      out += '{';
      for (std::size_t i = 0; i < members_.size(); ++i) {
        out += i ? ",\n" : "\n";
        out += pad;
        escape(out, members_[i].first);
        out += ": ";
        members_[i].second.dump_to(out, depth + 1);
      }
      if (!members_.empty()) out += "\n" + close_pad;
      out += '}';
      return;
    }
  }
}

}  // namespace fleetsim::scenario
