#include "sim/io/junit.hpp"

#include <cstdio>

#include "sim/io/atomic_file.hpp"

namespace fleetsim::io {

namespace {

/// Length of the valid UTF-8 sequence starting at s[i], or 0 when it is not valid.
std::size_t utf8_length(std::string_view s, std::size_t i) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = b(i);
  std::size_t n = 0;
  if (c < 0x80) return 1;
  if (c >= 0xc2 && c <= 0xdf) n = 2;
  else if (c >= 0xe0 && c <= 0xef) n = 3;
  else if (c >= 0xf0 && c <= 0xf4) n = 4;
  else return 0;
  if (i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    if ((b(i + k) & 0xc0) != 0x80) return 0;
  }
  // Overlong 3/4-byte forms, UTF-16 surrogates and code points above U+10FFFF.
  if (c == 0xe0 && b(i + 1) < 0xa0) return 0;
  if (c == 0xed && b(i + 1) >= 0xa0) return 0;
  if (c == 0xf0 && b(i + 1) < 0x90) return 0;
  if (c == 0xf4 && b(i + 1) >= 0x90) return 0;
  // U+FFFE and U+FFFF are not XML characters either.
  if (c == 0xef && b(i + 1) == 0xbf && (b(i + 2) == 0xbe || b(i + 2) == 0xbf)) return 0;
  return n;
}

std::string seconds(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", s < 0 ? 0.0 : s);
  return buf;
}

struct Counts {
  std::size_t tests = 0, failures = 0, errors = 0, skipped = 0;
  void add(const JunitSuite& suite) {
    for (const JunitCase& c : suite.cases) {
      ++tests;
      failures += c.outcome == JunitCase::Outcome::Failure;
      errors += c.outcome == JunitCase::Outcome::Error;
      skipped += c.outcome == JunitCase::Outcome::Skipped;
    }
  }
  std::string attributes() const {
    return " tests=\"" + std::to_string(tests) + "\" failures=\"" + std::to_string(failures) +
           "\" errors=\"" + std::to_string(errors) + "\" skipped=\"" + std::to_string(skipped) +
           "\"";
  }
};

void write_case(std::string& out, const JunitCase& c) {
  out += "    <testcase name=\"" + xml_escape(c.name) + "\" classname=\"" +
         xml_escape(c.classname) + "\" time=\"" + seconds(c.time_s) + "\"";
  if (c.outcome == JunitCase::Outcome::Pass) {
    out += "/>\n";
    return;
  }
  const char* tag = c.outcome == JunitCase::Outcome::Failure ? "failure"
                    : c.outcome == JunitCase::Outcome::Error ? "error"
                                                             : "skipped";
  out += ">\n      <";
  out += tag;
  out += " message=\"" + xml_escape(c.message) + "\"";
  if (!c.type.empty()) out += " type=\"" + xml_escape(c.type) + "\"";
  if (c.details.empty()) {
    out += "/>\n";
  } else {
    out += ">" + xml_escape(c.details) + "</" + tag + ">\n";
  }
  out += "    </testcase>\n";
}

}  // namespace

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    switch (c) {
      case '&': out += "&amp;"; ++i; continue;
      case '<': out += "&lt;"; ++i; continue;
      case '>': out += "&gt;"; ++i; continue;
      case '"': out += "&quot;"; ++i; continue;
      case '\'': out += "&apos;"; ++i; continue;
      // Character references survive attribute-value normalisation (a raw newline in an
      // attribute would be read back as a space).
      case '\n': out += "&#10;"; ++i; continue;
      case '\r': out += "&#13;"; ++i; continue;
      case '\t': out += "&#9;"; ++i; continue;
      default: break;
    }
    const std::size_t n = utf8_length(text, i);
    if (n == 0 || static_cast<unsigned char>(c) < 0x20) {
      out += "\xef\xbf\xbd";  // U+FFFD REPLACEMENT CHARACTER
      ++i;
      continue;
    }
    out.append(text.substr(i, n));
    i += n;
  }
  return out;
}

std::string junit_xml(const std::vector<JunitSuite>& suites, std::string_view name) {
  Counts all;
  double total_s = 0;
  for (const JunitSuite& s : suites) {
    all.add(s);
    total_s += s.time_s;
  }
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += "<testsuites name=\"" + xml_escape(name) + "\"" + all.attributes() + " time=\"" +
         seconds(total_s) + "\">\n";
  for (const JunitSuite& s : suites) {
    Counts c;
    c.add(s);
    out += "  <testsuite name=\"" + xml_escape(s.name) + "\"" + c.attributes() + " time=\"" +
           seconds(s.time_s) + "\">\n";
    if (!s.properties.empty()) {
      out += "    <properties>\n";
      for (const auto& [k, v] : s.properties) {
        out += "      <property name=\"" + xml_escape(k) + "\" value=\"" + xml_escape(v) + "\"/>\n";
      }
      out += "    </properties>\n";
    }
    for (const JunitCase& tc : s.cases) write_case(out, tc);
    if (!s.system_out.empty()) out += "    <system-out>" + xml_escape(s.system_out) + "</system-out>\n";
    out += "  </testsuite>\n";
  }
  out += "</testsuites>\n";
  return out;
}

void write_junit_file(const std::string& path, const std::vector<JunitSuite>& suites,
                      std::string_view name) {
  AtomicTextFile f(path);
  f.stream() << junit_xml(suites, name);
  f.commit();
}

}  // namespace fleetsim::io
