#pragma once
/// JUnit XML, the test-report format CI systems display (GitHub Actions reporters,
/// GitLab, Jenkins, Azure): a <testsuites> root, one <testsuite> per checked thing (a
/// scenario, a sweep point, a comparison), one <testcase> per check. Any fleetsim command
/// that gates a pipeline writes it through this one writer.
///
/// The output is well-formed XML 1.0 in UTF-8 whatever the input: markup characters are
/// escaped, characters XML 1.0 forbids (C0 controls other than tab, newline and carriage
/// return) become U+FFFD, and newlines inside attributes are kept as character references.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace fleetsim::io {

/// One check.
struct JunitCase {
  enum class Outcome { Pass, Failure, Error, Skipped };
  std::string name;       ///< e.g. "service.web.availability >= 0.999"
  std::string classname;  ///< CI UIs group by it, e.g. "fleetsim.default"
  double time_s = 0;      ///< seconds; 0 when not measured
  Outcome outcome = Outcome::Pass;
  std::string message;  ///< one line shown next to a failure, error or skip (attribute)
  std::string type;     ///< failure/error type, e.g. "AssertionFailed"; may be empty
  std::string details;  ///< longer text inside the failure/error element; may be empty
};

/// One group of checks.
struct JunitSuite {
  std::string name;
  double time_s = 0;  ///< seconds
  std::vector<std::pair<std::string, std::string>> properties;  ///< shown as metadata (seed, ...)
  std::vector<JunitCase> cases;
  std::string system_out;  ///< free text (e.g. the metrics table); may be empty
};

/// The whole document: <?xml ...?><testsuites name=... tests failures errors skipped time>.
std::string junit_xml(const std::vector<JunitSuite>& suites, std::string_view name = "fleetsim");

/// Writes junit_xml(...) to path atomically (temp file + rename); throws OutputError.
void write_junit_file(const std::string& path, const std::vector<JunitSuite>& suites,
                      std::string_view name = "fleetsim");

/// Text escaped for XML character data and attribute values (& < > " ' and the rules above).
std::string xml_escape(std::string_view text);

}  // namespace fleetsim::io
