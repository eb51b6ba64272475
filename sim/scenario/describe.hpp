#pragma once
/// Documentation generated from the field declarations (specs.hpp): the readable field
/// list of `fleetsim describe` and the JSON Schema of `fleetsim describe --json-schema`
/// (committed as docs/scenario.schema.json).

#include <string>

namespace fleetsim::scenario {

/// Every scenario field as text: path, type, unit, default (or "required") and help,
/// then the shared types (distribution, policy, resources). With a prefix, only the
/// paths that start with it.
std::string describe_scenario_fields(const std::string& prefix = "");

struct ObjectDoc;

/// The same listing for another document declared with field tables (sweep and plan
/// files), under `title`.
std::string describe_document_fields(const ObjectDoc& root, const std::string& title,
                                     const std::string& prefix = "");

/// The draft-07 JSON Schema of a scenario file, ending with a newline.
std::string scenario_json_schema();

}  // namespace fleetsim::scenario
