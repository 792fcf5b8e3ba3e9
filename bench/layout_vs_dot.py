#!/usr/bin/env python3
"""Compares mabos_planner's layered layout with Graphviz dot on the same DAGs.

Driven by bench/layout_vs_dot.sh, which builds the `layout_bench` example and the CLI
first. For each generated graph it times the whole `mabos-planner-cli layout` process
(start-up, reading the graph as JSON on stdin, the layout, writing it as JSON; median of
several runs) against one whole `dot -Tplain` process, both as CPU time (robust on a
shared, loaded machine) and as wall-clock time. It also reports our `layered` alone, in
process (median of several calls, JSON excluded). It counts crossings three ways:

* ours: the `crossings` our layout reports (between adjacent layers, long edges
  counted through their bend points);
* dot: the count dot itself reports after its mincross phase (`dot -v`), which is the
  same measure on dot's ordering (virtual nodes included);
* both drawings again, geometrically and identically: ranks are the distinct node
  y's, each edge is cut where it meets each rank line (dot's splines are sampled), and
  pairs of edges whose order flips between two adjacent rank lines are counted.

It also measures stable re-layout (one node + one edge added) and the tidy tree.
"""

import argparse
import json
import re
import resource
import subprocess
import sys
import time
from pathlib import Path


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw)


def ours(bin_path, args):
    return json.loads(run([bin_path, *args]).stdout)


def timed_process(cmd, stdin_path, stdout_path):
    """CPU seconds (user + system, from getrusage of the child) and wall seconds."""
    with open(stdin_path) as fin, open(stdout_path, "w") as fout:
        cpu0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(cmd, stdin=fin, stdout=fout, stderr=subprocess.PIPE, check=True)
        wall = time.perf_counter() - start
        cpu1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime), wall


def median(values):
    values = sorted(values)
    return values[len(values) // 2]


# --- geometric crossing count, the same for both drawings -------------------------

def rank_lines(ys):
    """Distinct node y's, with missing ranks (only dummies on them) filled in."""
    ys = sorted(set(round(y, 3) for y in ys))
    if len(ys) < 2:
        return ys
    step = min(b - a for a, b in zip(ys, ys[1:]))
    lines = [ys[0]]
    for y in ys[1:]:
        gaps = round((y - lines[-1]) / step)
        for k in range(1, gaps):
            lines.append(lines[-1] + step)
        lines.append(y)
    return lines


def x_at(polyline, y):
    """x where a polyline running in y first meets the horizontal line at y."""
    for (x0, y0), (x1, y1) in zip(polyline, polyline[1:]):
        lo, hi = min(y0, y1), max(y0, y1)
        if lo - 1e-9 <= y <= hi + 1e-9:
            if abs(y1 - y0) < 1e-12:
                return x0
            return x0 + (x1 - x0) * (y - y0) / (y1 - y0)
    return None


def count_flips(pairs):
    """Pairs (a, b) with strictly opposite order in a and in b: inversion count."""
    pairs.sort()
    bs = sorted(set(b for _, b in pairs))
    index = {b: i + 1 for i, b in enumerate(bs)}
    tree = [0] * (len(bs) + 1)

    def add(i):
        while i < len(tree):
            tree[i] += 1
            i += i & -i

    def prefix(i):
        s = 0
        while i > 0:
            s += tree[i]
            i -= i & -i
        return s

    total, inserted, k = 0, 0, 0
    while k < len(pairs):
        j = k
        while j < len(pairs) and pairs[j][0] == pairs[k][0]:
            j += 1
        group = pairs[k:j]
        for _, b in group:  # earlier (strictly left) edges ending strictly right
            total += inserted - prefix(index[b])
        for _, b in group:
            add(index[b])
        inserted += len(group)
        k = j
    return total


def geometric_crossings(nodes, edges, y_down):
    """nodes: id -> (x, y); edges: list of (source, target, polyline)."""
    lines = rank_lines([y for _, y in nodes.values()])
    if not y_down:
        lines = lines[::-1]
    rank = {round(y, 3): i for i, y in enumerate(lines)}
    gaps = {}
    for s, t, poly in edges:
        (sx, sy), (tx, ty) = nodes[s], nodes[t]
        rs, rt = rank[round(sy, 3)], rank[round(ty, 3)]
        xs = [sx]
        for r in range(rs + 1, rt):
            x = x_at(poly, lines[r])
            xs.append(x if x is not None else sx + (tx - sx) * (r - rs) / (rt - rs))
        xs.append(tx)
        for r in range(rs, rt):
            gaps.setdefault(r, []).append((round(xs[r - rs], 3), round(xs[r - rs + 1], 3)))
    return sum(count_flips(p) for p in gaps.values())


def bezier_polyline(points, steps=12):
    out = [points[0]]
    for i in range(0, len(points) - 3, 3):
        p0, p1, p2, p3 = points[i:i + 4]
        for k in range(1, steps + 1):
            t = k / steps
            u = 1 - t
            out.append(tuple(u**3 * a + 3 * u * u * t * b + 3 * u * t * t * c + t**3 * d
                             for a, b, c, d in zip(p0, p1, p2, p3)))
    return out


def dot_drawing(plain_path):
    nodes, edges = {}, []
    for line in Path(plain_path).read_text().splitlines():
        f = line.split()
        if f[0] == "node":
            nodes[f[1]] = (float(f[2]) * 72, float(f[3]) * 72)
        elif f[0] == "edge":
            n = int(f[3])
            pts = [(float(f[4 + 2 * i]) * 72, float(f[5 + 2 * i]) * 72) for i in range(n)]
            edges.append((f[1], f[2], bezier_polyline(pts)))
    return nodes, edges


def our_drawing(layout_path):
    layout = json.loads(Path(layout_path).read_text())
    nodes = {n["id"]: (n["x"], n["y"]) for n in layout["nodes"]}
    edges = [(e["source"], e["target"], [tuple(p) for p in e["points"]]) for e in layout["edges"]]
    return nodes, edges


# --- the run ------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--cli", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--sizes", default="1000,5000")
    ap.add_argument("--shapes", default="deep,wide")
    ap.add_argument("--seed", default="1")
    ap.add_argument("--repeats", default="5")
    args = ap.parse_args()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    dot_version = run(["dot", "-V"]).stderr.strip()

    rows, stable_rows = [], []
    for n in args.sizes.split(","):
        for shape in args.shapes.split(","):
            name = f"{shape}-{n}"
            prefix = work / name
            ours(args.bin, ["gen", shape, n, args.seed, str(prefix)])
            mine = ours(args.bin, ["run", f"{prefix}.json", args.repeats, f"{prefix}.inproc.json"])
            runs = [timed_process([args.cli, "layout"], f"{prefix}.json", f"{prefix}.layout.json")
                    for _ in range(int(args.repeats))]
            proc_cpu, proc_wall = median([c for c, _ in runs]), median([w for _, w in runs])
            cli_out = json.loads(Path(f"{prefix}.layout.json").read_text())
            if cli_out["crossings"] != mine["crossings"]:
                sys.exit(f"{name}: the CLI and the library disagree on crossings")
            cpu0 = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            proc = subprocess.run(["dot", "-v", "-Tplain", f"{prefix}.dot", "-o", f"{prefix}.plain"],
                                  check=True, capture_output=True, text=True)
            dot_wall = time.perf_counter() - start
            cpu1 = resource.getrusage(resource.RUSAGE_CHILDREN)
            dot_cpu = (cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime)
            dot_reported = sum(int(m) for m in re.findall(r"mincross [^:]*: (\d+) crossings", proc.stderr))
            dot_geo = geometric_crossings(*dot_drawing(f"{prefix}.plain"), y_down=False)
            our_geo = geometric_crossings(*our_drawing(f"{prefix}.layout.json"), y_down=True)
            stable = ours(args.bin, ["stable", f"{prefix}.json", "7"])
            row = dict(graph=name, nodes=mine["nodes"], edges=mine["edges"],
                       ours_cpu=mine["cpu_ms"] or mine["wall_ms"], ours_wall=mine["wall_ms"],
                       proc_cpu=proc_cpu, proc_wall=proc_wall,
                       dot_cpu=dot_cpu, dot_wall=dot_wall, ours_x=mine["crossings"], dot_x=dot_reported,
                       ours_geo=our_geo, dot_geo=dot_geo)
            rows.append(row)
            stable_rows.append(dict(graph=name, **stable))
            print(f"done {name}: {row}", file=sys.stderr)

    tree = ours(args.bin, ["tree", "10000", args.seed, "50"])

    print(f"dot: {dot_version}\n")
    print("| graph | nodes | edges | our process | dot process | speed-up | layout alone (in process) "
          "| our crossings | dot crossings | ratio |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['graph']} | {r['nodes']} | {r['edges']} | {r['proc_cpu'] * 1000:.1f} ms | {r['dot_cpu']:.2f} s "
              f"| {r['dot_cpu'] / r['proc_cpu']:.0f}× | {r['ours_cpu']:.1f} ms | {r['ours_x']} | {r['dot_x']} "
              f"| {r['ours_x'] / max(r['dot_x'], 1):.3f} |")
    print("\nTimes above are CPU time of the whole process (ours: median of the runs). Wall clock, "
          "and crossings recounted geometrically from both drawings:\n")
    print("| graph | our process, wall | dot process, wall | speed-up | layout alone, wall "
          "| ours, geometric | dot, geometric |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['graph']} | {r['proc_wall'] * 1000:.1f} ms | {r['dot_wall']:.2f} s "
              f"| {r['dot_wall'] / r['proc_wall']:.0f}× | {r['ours_wall']:.1f} ms | {r['ours_geo']} | {r['dot_geo']} |")
    print("\nStable re-layout after adding one node and one edge (moved: |dx| or |dy| > 0.5):\n")
    print("| graph | nodes compared | moved, stable re-layout | moved, fresh layout | crossings before "
          "| after, stable | after, fresh | stable re-layout time |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for s in stable_rows:
        c = s["compared"]
        print(f"| {s['graph']} | {c} | {s['moved_stable']} ({100 * s['moved_stable'] / c:.1f}%) "
              f"| {s['moved_fresh']} ({100 * s['moved_fresh'] / c:.1f}%) | {s['crossings_before']} "
              f"| {s['crossings_stable']} | {s['crossings_fresh']} | {s['cpu_ms'] or s['wall_ms']:.1f} ms |")
    print("\nTidy tree, 10,000 nodes (median of 50 runs):\n")
    print("| tree | CPU time | wall time |")
    print("|---|---:|---:|")
    for name, t in tree.items():
        cpu = f"{t['cpu_ms']:.2f} ms" if t["cpu_ms"] is not None else "n/a"
        print(f"| {name} | {cpu} | {t['wall_ms']:.2f} ms |")


if __name__ == "__main__":
    main()
