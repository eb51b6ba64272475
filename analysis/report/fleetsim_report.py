#!/usr/bin/python3
"""Pictures of a fleetsim run (an HDF5 trace) or of a sweep (its results table).

    /usr/bin/python3 analysis/report/fleetsim_report.py RUN.h5 OUT_DIR [--format png|svg]

Reads the files with h5py only (docs/trace-format.md is the contract; no fleetsim code is
imported) and writes one image per chart plus index.html into OUT_DIR:

  trace:  capacity     hosts in service, allocated cpu/memory, service replicas, vm demand
          pending      batch and trace jobs waiting and running, per workload
          timeline     open spans over time (outages, remediation, pages, upgrades...) and a
                       Gantt chart of the components with the most spans
          progress     upgrades and rollouts: hosts/steps done over time
          waits-<w>    trace replays: simulated vs recorded wait distributions
  sweep:  sweep-<m>    metric <m> against the first axis, with its confidence band

Spans are paired from the event log exactly as the Chrome trace export does
(sim/io/chrome_trace.hpp). Exit status: 0 ok, 2 bad input, 3 a Python module is missing.
"""

import math
import os
import sys

MISSING = []
try:
    import numpy as np
except ImportError:
    MISSING.append("numpy (Debian: python3-numpy)")
try:
    import h5py
except ImportError:
    MISSING.append("h5py (Debian: python3-h5py)")
try:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
except ImportError:
    MISSING.append("matplotlib (Debian: python3-matplotlib)")

BEGIN = ("_start", "_begin", "_open")
END = ("_end", "_done", "_finish", "_stop", "_close")
COLOURS = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
           "#bcbd22", "#17becf"]


def fail(message, code=2):
    sys.stderr.write("fleetsim report: %s\n" % message)
    sys.exit(code)


def role(kind):
    """(role, stem) of an event kind: 'b' begins a span, 'e' ends one, None otherwise."""
    for s in BEGIN:
        if kind.endswith(s) and len(kind) > len(s):
            return "b", kind[: -len(s)]
    for s in END:
        if kind.endswith(s) and len(kind) > len(s):
            return "e", kind[: -len(s)]
    if kind.endswith("_down") and len(kind) > 5:
        return "b", kind
    if kind.endswith("_up") and len(kind) > 3:
        return "e", kind[:-3] + "_down"
    return None, None


def pair_spans(events, kinds, end_us):
    """List of (name, begin_us, end_us, zone, component, workload), as the C++ pairing."""
    roles = [role(k) for k in kinds]
    open_spans, spans = {}, []
    for t, k, z, c, w, v in zip(events["time_us"], events["kind"], events["zone"], events["component"],
                                events["workload"], events["value"]):
        r, stem = roles[k] if k < len(roles) else (None, None)
        if r is None:
            continue
        key = (stem, int(z), int(c), int(w))
        if r == "b":
            open_spans.setdefault(key, []).append(len(spans))
            spans.append([stem, int(t), None, int(z), int(c), int(w)])
            continue
        q = open_spans.get(key)
        if not q:
            continue
        pick = 0
        for j, idx in enumerate(q):
            if abs((int(t) - spans[idx][1]) / 1e6 - float(v)) <= 1e-6:
                pick = j
                break
        spans[q.pop(pick)][2] = int(t)
    for q in open_spans.values():
        for idx in q:
            spans[idx][2] = max(end_us, spans[idx][1])
    return spans


def step_count(spans, end_s):
    """Concurrent open spans over time: (times, counts) of a step function."""
    deltas = sorted([(s[1] / 1e6, 1) for s in spans] + [(s[2] / 1e6, -1) for s in spans])
    times, counts, n = [0.0], [0], 0
    for t, d in deltas:
        n += d
        times.append(t)
        counts.append(n)
    times.append(end_s)
    counts.append(n)
    return np.array(times), np.array(counts)


def time_axis(seconds):
    """Scale for a time axis: (divisor, label)."""
    span = max(seconds) if len(seconds) else 0
    if span >= 3 * 86400:
        return 86400.0, "days"
    if span >= 3 * 3600:
        return 3600.0, "hours"
    return 60.0, "minutes"


def series(f, path):
    return f[path][:] if path in f else None


def save(fig, out, name, fmt, written, title):
    path = os.path.join(out, "%s.%s" % (name, fmt))
    fig.savefig(path, dpi=110, bbox_inches="tight")
    plt.close(fig)
    written.append((path, title))


def chart_capacity(f, t, div, unit, out, fmt, written):
    panels = []
    if "series/fleet/hosts_up" in f:
        panels.append(("hosts in service", [("hosts up", f["series/fleet/hosts_up"][:])], "hosts"))
    use = [(n, f["series/fleet/" + n][:]) for n in ("cpu_used", "memory_used") if "series/fleet/" + n in f]
    if "series/fleet/cpu_demand" in f:
        use.append(("cpu demand (trace VMs)", f["series/fleet/cpu_demand"][:]))
    if use:
        panels.append(("allocated capacity", use, "share of capacity"))
    if "series/service/running_replicas" in f:
        cols = [c.decode() for c in f["series/service/columns"][:]]
        data = f["series/service/running_replicas"][:]
        panels.append(("running replicas", [(c, data[:, i]) for i, c in enumerate(cols)], "replicas"))
    if "series/vm/cpu_demand" in f:
        cols = [c.decode() for c in f["series/vm/columns"][:]]
        data = f["series/vm/cpu_demand"][:]
        panels.append(("vm cpu demand", [(c, data[:, i]) for i, c in enumerate(cols)], "cores"))
    if not panels:
        return
    fig, axes = plt.subplots(len(panels), 1, figsize=(10, 2.6 * len(panels)), sharex=True, squeeze=False)
    for ax, (title, lines, ylabel) in zip(axes[:, 0], panels):
        for i, (name, y) in enumerate(lines[:10]):
            ax.step(t / div, y, where="post", label=name, color=COLOURS[i % len(COLOURS)], lw=1.2)
        ax.set_title(title, loc="left", fontsize=10)
        ax.set_ylabel(ylabel)
        ax.grid(alpha=0.3)
        if len(lines) > 1:
            ax.legend(fontsize=8, loc="best")
    axes[-1, 0].set_xlabel("simulated time (%s)" % unit)
    fig.suptitle("Availability and capacity", fontsize=12)
    save(fig, out, "capacity", fmt, written, "Availability and capacity over time")


def chart_pending(f, t, div, unit, out, fmt, written):
    lines = [(n.replace("_", " "), f["series/fleet/" + n][:]) for n in ("pending_jobs", "running_jobs")
             if "series/fleet/" + n in f]
    per = []
    if "series/workload/pending_jobs" in f:
        cols = [c.decode() for c in f["series/workload/columns"][:]]
        data = f["series/workload/pending_jobs"][:]
        per = [(c, data[:, i]) for i, c in enumerate(cols)]
    if not lines or (max(np.max(y) for _, y in lines) == 0 and not per):
        return
    fig, axes = plt.subplots(2 if per else 1, 1, figsize=(10, 5.2 if per else 2.8), sharex=True, squeeze=False)
    for i, (name, y) in enumerate(lines):
        axes[0, 0].step(t / div, y, where="post", label=name, color=COLOURS[i], lw=1.2)
    axes[0, 0].set_title("batch and trace jobs, whole fleet", loc="left", fontsize=10)
    axes[0, 0].set_ylabel("jobs")
    axes[0, 0].legend(fontsize=8)
    axes[0, 0].grid(alpha=0.3)
    if per:
        for i, (name, y) in enumerate(per[:10]):
            axes[1, 0].step(t / div, y, where="post", label=name, color=COLOURS[i % len(COLOURS)], lw=1.2)
        axes[1, 0].set_title("pending, per workload", loc="left", fontsize=10)
        axes[1, 0].set_ylabel("jobs")
        axes[1, 0].legend(fontsize=8)
        axes[1, 0].grid(alpha=0.3)
    axes[-1, 0].set_xlabel("simulated time (%s)" % unit)
    fig.suptitle("Pending work", fontsize=12)
    save(fig, out, "pending", fmt, written, "Pending work over time")


def chart_timeline(spans, names, end_s, div, unit, out, fmt, written):
    ops = [s for s in spans if s[0] != "job"]
    if not ops:
        return
    kinds = sorted(set(s[0] for s in ops))
    by_comp = {}
    for s in ops:
        by_comp.setdefault((s[3], s[4]), []).append(s)
    top = sorted(by_comp, key=lambda k: (-len(by_comp[k]), k))[:40]
    fig, axes = plt.subplots(2, 1, figsize=(11, 3 + 0.18 * len(top) + 2.6), sharex=True,
                             gridspec_kw={"height_ratios": [1, max(1.5, 0.12 * len(top))]})
    for i, k in enumerate(kinds):
        tt, cc = step_count([s for s in ops if s[0] == k], end_s)
        axes[0].step(tt / div, cc, where="post", label=k.replace("_", " "), color=COLOURS[i % len(COLOURS)])
    axes[0].set_ylabel("open at once")
    axes[0].set_title("failures, remediation and operations in progress", loc="left", fontsize=10)
    axes[0].legend(fontsize=8, ncol=min(4, len(kinds)))
    axes[0].grid(alpha=0.3)
    for row, key in enumerate(top):
        for s in by_comp[key]:
            colour = COLOURS[kinds.index(s[0]) % len(COLOURS)]
            axes[1].barh(row, max((s[2] - s[1]) / 1e6 / div, end_s / div / 2000), left=s[1] / 1e6 / div,
                         height=0.7, color=colour)
    labels = [names.get(c, "component %d" % c) if c >= 0 else "(fleet)" for _, c in top]
    axes[1].set_yticks(range(len(top)))
    axes[1].set_yticklabels(labels, fontsize=7)
    axes[1].invert_yaxis()
    axes[1].set_title("components with the most spans (%d shown)" % len(top), loc="left", fontsize=10)
    axes[1].set_xlabel("simulated time (%s)" % unit)
    axes[1].set_xlim(0, end_s / div)
    fig.suptitle("Failures and remediation timeline", fontsize=12)
    save(fig, out, "timeline", fmt, written, "Failures, remediation and operations timeline")


def chart_progress(spans, end_s, div, unit, out, fmt, written):
    stems = sorted(set(s[0] for s in spans if "upgrade" in s[0] or "rollout" in s[0]))
    if not stems:
        return
    fig, ax = plt.subplots(figsize=(10, 3.5))
    for i, k in enumerate(stems):
        ends = sorted(s[2] / 1e6 for s in spans if s[0] == k)
        ax.step([0] + [e / div for e in ends] + [end_s / div], [0] + list(range(1, len(ends) + 1)) + [len(ends)],
                where="post", label=k.replace("_", " "), color=COLOURS[i % len(COLOURS)])
    ax.set_ylabel("done (cumulative)")
    ax.set_xlabel("simulated time (%s)" % unit)
    ax.legend(fontsize=8)
    ax.grid(alpha=0.3)
    fig.suptitle("Upgrade and rollout progress", fontsize=12)
    save(fig, out, "progress", fmt, written, "Upgrade and rollout progress")


def chart_waits(f, out, fmt, written):
    if "jobs" not in f:
        return
    for w in sorted(f["jobs"].keys()):
        g = f["jobs"][w]
        if "simulated_wait_s" not in g:
            continue
        sim = g["simulated_wait_s"][:]
        rec = g["recorded_wait_s"][:] if "recorded_wait_s" in g else np.array([])
        sim, rec = sim[np.isfinite(sim)], rec[np.isfinite(rec)]
        if len(sim) == 0:
            continue
        fig, ax = plt.subplots(figsize=(8, 4))
        for i, (name, x) in enumerate((("simulated", sim), ("recorded in the log", rec))):
            if len(x) == 0:
                continue
            xs = np.sort(x)
            ax.step(np.maximum(xs, 1), np.arange(1, len(xs) + 1) / len(xs), where="post",
                    label="%s (n=%d, median %.0f s)" % (name, len(xs), np.median(xs)), color=COLOURS[i])
        ax.set_xscale("log")
        ax.set_xlabel("wait (s, waits under 1 s drawn at 1 s)")
        ax.set_ylabel("share of jobs")
        ax.legend(fontsize=8, loc="lower right")
        ax.grid(alpha=0.3)
        fig.suptitle("Queueing delay of replayed workload '%s'" % w, fontsize=12)
        save(fig, out, "waits-" + w, fmt, written, "Waits of trace workload %s: simulated vs recorded" % w)


def report_trace(f, out, fmt):
    if f.attrs.get("complete", 0) != 1:
        fail("the trace is incomplete (complete != 1): its run did not finish")
    written = []
    end_s = float(f.attrs.get("duration_s", 0))
    t = f["series/time"][:] if "series/time" in f else np.array([0.0])
    div, unit = time_axis([end_s])
    chart_capacity(f, t, div, unit, out, fmt, written)
    chart_pending(f, t, div, unit, out, fmt, written)
    kinds = [k.decode() for k in f["names/kind"][:]] if "names/kind" in f else []
    events = f["events"][:] if "events" in f else None
    spans = pair_spans(events, kinds, int(round(end_s * 1e6))) if events is not None and len(events) else []
    names = {}
    if "topology/components" in f:
        comps = f["topology/components"][:]
        names = {int(i): n.decode() for i, n in zip(comps["id"], comps["name"])}
    chart_timeline(spans, names, end_s, div, unit, out, fmt, written)
    chart_progress(spans, end_s, div, unit, out, fmt, written)
    chart_waits(f, out, fmt, written)
    return written, str(f.attrs.get("scenario_name", ""))


def number(text):
    try:
        return float(text)
    except (TypeError, ValueError):
        return None


def report_sweep(columns, out, fmt):
    names = list(columns)
    if "point" not in names or "status" not in names:
        fail("not a sweep table: expected the columns 'point' and 'status'")
    axes = names[names.index("point") + 1: names.index("status")]
    metrics = [n[:-5] for n in names if n.endswith(".mean") and n[:-5] + ".ci_low" in columns]
    written = []
    if not axes or not metrics:
        fail("the sweep table has no axis or no metric with a confidence interval")
    x_name = axes[0]
    raw = [str(v) for v in columns[x_name]]
    xs = [number(v) for v in raw]
    numeric = all(v is not None for v in xs)
    groups = {}
    for i in range(len(raw)):
        key = tuple(str(columns[a][i]) for a in axes[1:])
        groups.setdefault(key, []).append(i)
    for m in metrics[:48]:
        fig, ax = plt.subplots(figsize=(7, 4))
        for gi, (key, rows) in enumerate(sorted(groups.items())):
            rows = sorted(rows, key=lambda r: xs[r] if numeric else r)
            x = [xs[r] if numeric else raw[r] for r in rows]
            pos = x if numeric else list(range(len(rows)))
            mean = [columns[m + ".mean"][r] for r in rows]
            lo = [columns[m + ".ci_low"][r] for r in rows]
            hi = [columns[m + ".ci_high"][r] for r in rows]
            label = ", ".join("%s=%s" % (a, k) for a, k in zip(axes[1:], key)) or m
            colour = COLOURS[gi % len(COLOURS)]
            ax.plot(pos, mean, "o-", color=colour, label=label, ms=4)
            ax.fill_between(pos, lo, hi, color=colour, alpha=0.2, lw=0)
            if not numeric:
                ax.set_xticks(pos)
                ax.set_xticklabels(x, rotation=30, fontsize=8)
        ax.set_xlabel(x_name)
        ax.set_ylabel(m)
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8)
        fig.suptitle("%s against %s (mean, confidence band)" % (m, x_name), fontsize=11)
        safe = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in m)
        save(fig, out, "sweep-" + safe, fmt, written, "%s against %s" % (m, x_name))
    return written, "sweep"


def read_table(path):
    """Columns of a sweep results table, from its HDF5 or CSV form."""
    if path.endswith(".csv"):
        import csv
        with open(path, newline="") as fh:
            rows = list(csv.reader(fh))
        if not rows:
            fail("%s: empty file" % path)
        cols = {}
        for j, name in enumerate(rows[0]):
            vals = [r[j] if j < len(r) else "" for r in rows[1:]]
            nums = [number(v) if v != "" else float("nan") for v in vals]
            cols[name] = nums if all(v is not None for v in nums) else vals
        return cols
    with h5py.File(path, "r") as f:
        g = f["table"]
        names = [n.decode() if isinstance(n, bytes) else str(n) for n in g.attrs["columns"]]
        cols = {}
        for n in names:
            ds = g[n.replace("/", "\u2215")]
            data = ds[:]
            cols[n] = [v.decode() if isinstance(v, bytes) else v for v in data]
        return cols


def main(argv):
    if MISSING:
        fail("missing Python module(s): %s" % ", ".join(MISSING), 3)
    args = [a for a in argv[1:] if not a.startswith("--format")]
    fmt = "png"
    for i, a in enumerate(argv):
        if a.startswith("--format="):
            fmt = a.split("=", 1)[1]
        elif a == "--format" and i + 1 < len(argv):
            fmt = argv[i + 1]
            args.remove(fmt)
    if fmt not in ("png", "svg") or len(args) != 2:
        fail("usage: fleetsim_report.py RUN.h5|SWEEP.h5|SWEEP.csv OUT_DIR [--format png|svg]")
    src, out = args
    if not os.path.isfile(src):
        fail("%s: no such file" % src)
    os.makedirs(out, exist_ok=True)
    try:
        if src.endswith(".csv"):
            written, title = report_sweep(read_table(src), out, fmt)
        else:
            with h5py.File(src, "r") as f:
                kind = f.attrs.get("format", "")
                kind = kind.decode() if isinstance(kind, bytes) else str(kind)
                if kind == "fleetsim-trace":
                    written, title = report_trace(f, out, fmt)
                elif kind == "fleetsim-results-table":
                    written, title = None, None
                else:
                    fail("%s: neither a fleetsim trace nor a sweep results table (format attribute %r)" % (src, kind))
            if written is None:
                written, title = report_sweep(read_table(src), out, fmt)
    except OSError as e:
        fail("%s: cannot read: %s" % (src, e))
    with open(os.path.join(out, "index.html"), "w") as fh:
        fh.write("<!doctype html><meta charset=utf-8><title>fleetsim report: %s</title>\n" % title)
        fh.write("<h1>fleetsim report: %s</h1>\n<p>from <code>%s</code></p>\n" % (title, os.path.basename(src)))
        for path, caption in written:
            fh.write("<h2>%s</h2>\n<img src=\"%s\" style=\"max-width:100%%\">\n" % (caption, os.path.basename(path)))
    for path, _ in written:
        print(path)
    if not written:
        print("nothing to draw: the file has no series, spans or tables", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
