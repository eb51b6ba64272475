#pragma once
/// Declarations of the replay fields (spec_trace.cpp), used by the workload spec.

#include <string>

#include "sim/scenario/field_spec.hpp"
#include "sim/scenario/scenario.hpp"

namespace fleetsim::scenario {

/// Declares format, file, time_offset, time_scale, processors, estimate, oversize and limit
/// (kind trace) and demand (kind vm) on the workload spec, in that order.
void declare_trace_fields(ObjectSpec<Workload>& s);

/// Checks across a trace workload's fields (formats, resources, gpu dimension); fills the
/// default per-processor resources of an SWF replay. Called from the workload's finish hook.
void check_trace_fields(Workload& w, const YamlNode& n, const std::string& path, Decoder& d);

/// The `demand` mapping of a vm workload.
const ObjectSpec<VmDemandTrace>& vm_demand_spec();

}  // namespace fleetsim::scenario
