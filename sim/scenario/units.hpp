#pragma once
/// Parsers for the units a scenario is written in. Each returns a value or a reason
/// that names the input and the accepted units; none throws. Durations are parsed by
/// fleetsim::parse_duration (sim/core/time.hpp).
///
///   size       256Gi 512Mi 1Ti (binary: Ki Mi Gi Ti Pi), 10G 500M 4k (decimal: k K M G T P),
///              a bare integer = bytes; in bytes
///   milli      cpu and extra dimensions: 64, 0.5, 500m (millicores); in thousandths
///   rate       120/h 2/m 2/min 0.5/s 10/d 3/w; per second
///   percent    2% 99.95%; in percent (0..100)
///   quantity   a count (3) or a share (5%)
///   probability 0.999 or 99.9%; in [0, 1]
///   bandwidth  10Gbit/s 1.25GB/s 100Mbit/s 500MiB/s 10Gbps; in bytes per second

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "sim/scenario/scenario.hpp"

namespace fleetsim::scenario {

/// A parsed value, or the reason there is none.
template <class T>
struct Parsed {
  std::optional<T> value;
  std::string error;  ///< empty when value is set
  static Parsed fail(std::string e) { return {std::nullopt, std::move(e)}; }
  static Parsed ok(T v) { return {std::move(v), {}}; }
};

/// A whole number: optional sign and decimal digits (no exponent, no fraction).
Parsed<std::int64_t> parse_integer(std::string_view text);
/// A finite decimal number: 12, -0.5, .5, 1e-3 (no hex, inf or nan).
Parsed<double> parse_number(std::string_view text);
/// true or false (also True/TRUE/False/FALSE).
Parsed<bool> parse_bool(std::string_view text);
/// A size in bytes (see the file comment); never negative.
Parsed<std::int64_t> parse_size(std::string_view text);
/// A cpu or extra-dimension amount in thousandths: "64" -> 64000, "500m" -> 500; never negative.
Parsed<std::int64_t> parse_milli(std::string_view text);
/// A rate in events per second: "120/h" -> 1/30; never negative.
Parsed<double> parse_rate(std::string_view text);
/// A percentage "2%" -> 2.0, within [0, 100].
Parsed<double> parse_percent(std::string_view text);
/// A count ("3", whole and >= 0) or a share ("5%").
Parsed<Quantity> parse_quantity(std::string_view text);
/// A probability: "0.99" or "99%", within [0, 1].
Parsed<double> parse_probability(std::string_view text);
/// A bandwidth in bytes per second: "10Gbit/s" -> 1.25e9.
Parsed<double> parse_bandwidth(std::string_view text);

/// "256Gi", "1.5Gi", "1000" (bytes) for messages: the largest binary unit that divides evenly
/// or keeps 3 significant digits.
std::string format_size(std::int64_t bytes);
/// "64", "0.5" for messages.
std::string format_milli(std::int64_t thousandths);
/// "5%" or "3".
std::string format_quantity(const Quantity& q);
/// Shortest round-trip text of a double.
std::string format_number(double v);

}  // namespace fleetsim::scenario
