"""Reads a trace and a series CSV written by trace_python_test.cpp with h5py, numpy and
pandas only (no fleetsim code), checking the layout docs/trace-format.md promises.

usage: /usr/bin/python3 trace_h5py_check.py TRACE.h5 SERIES.csv EVENT_COUNT
"""
import sys

import h5py
import numpy as np
import pandas as pd

trace_path, csv_path, event_count = sys.argv[1], sys.argv[2], int(sys.argv[3])
ZONES = ["east-a", "east-b", "east-c"]

with h5py.File(trace_path, "r") as f:
    a = f.attrs
    assert a["format"] == "fleetsim-trace", a["format"]
    assert a["format_version"] == 1 and a["complete"] == 1
    assert a["scenario_name"] == "zone-wave" and a["seed"] == 42
    assert list(a["overrides"]) == ["spec.seed=42", "spec.duration=1h"], a["overrides"]
    assert a["duration_s"] == 3600.0 and a["sample_interval_s"] == 300.0
    assert dict(f["provenance"].attrs)["threads"] == "1"

    # The event log as a DataFrame: columns, dtypes, rows, order.
    events = pd.DataFrame(f["events"][:])
    assert list(events.columns) == ["time_us", "kind", "zone", "component", "workload", "value"]
    expected = ["int64", "uint16", "int32", "int64", "int32", "float64"]
    assert [str(t) for t in events.dtypes] == expected, events.dtypes
    assert len(events) == event_count, len(events)
    assert events["time_us"].is_monotonic_increasing
    assert events["value"].iloc[-1] == 0.5 * (event_count - 1)
    assert f["events"].attrs["time_unit"] == "us"
    units = dict(zip(f["events"].attrs["field_names"], f["events"].attrs["field_units"]))
    assert units["time_us"] == "us", units

    # Name tables decode the code columns.
    kinds = f["names/kind"].asstr()[:]
    assert list(kinds) == ["host_down", "host_up", "upgrade_done"], kinds
    named = pd.Categorical.from_codes(events["kind"], kinds)
    assert named[2] == "upgrade_done"
    assert list(f["names/zone"].asstr()[:]) == ZONES

    comps = pd.DataFrame(f["topology/components"][:])
    assert list(comps.columns) == ["id", "kind", "zone", "parent", "name"]
    assert comps["name"].str.decode("utf-8").tolist()[3] == "east-a/host-0"

    # A 2-D series with its dimension scales.
    util = f["series/zone/utilization"]
    assert util.shape == (12, 3) and util.dtype == np.float64
    assert util.attrs["unit"] == "ratio" and util.attrs["description"]
    assert util.dims[0].label == "time" and util.dims[1].label == "zone"
    assert util.dims[0][0].name == "/series/time"
    assert util.dims[1][0].name == "/series/zone/columns"
    time = util.dims[0][0][:]
    assert time[1] == 300.0 and f["series/time"].attrs["unit"] == "s"
    frame = pd.DataFrame(util[:], index=time, columns=util.dims[1][0].asstr()[:])
    assert list(frame.columns) == ZONES
    assert abs(frame.loc[300.0, "east-b"] - 0.11) < 1e-12
    fleet = f["series/fleet/hosts_up"]
    assert fleet.shape == (12,) and fleet.dims[0][0].name == "/series/time"

    # Every dataset carries unit and description.
    missing = []
    f.visititems(lambda name, obj: missing.append(name) if isinstance(obj, h5py.Dataset)
                 and not {"unit", "description"} <= set(obj.attrs) else None)
    assert not missing, missing

    # The CSV export holds the same numbers.
    csv = pd.read_csv(csv_path, keep_default_na=False, na_values=[""], float_precision="round_trip")
    assert list(csv.columns) == ["time_s", "group", "metric", "column", "value"]
    assert len(csv) == 12 * 8, len(csv)
    zone = csv[(csv["group"] == "zone") & (csv["metric"] == "utilization")]
    pivot = zone.pivot(index="time_s", columns="column", values="value")
    assert np.allclose(pivot[ZONES].to_numpy(), util[:], rtol=0, atol=0)

print("OK")
