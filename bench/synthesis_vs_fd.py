#!/usr/bin/env python3
"""Compares MABOS Planner's plan synthesis with Fast Downward on IPC STRIPS tasks.

Driven by bench/synthesis_vs_fd.sh, which builds the release CLI and prepares the Python
environment. For each task (DOMAIN/taskNN.pddl in the benchmarks folder):

1. the task is grounded and translated into a workspace import and a start state. With
   `--grounding sas` (the default), Fast Downward's own translator grounds it
   (`output.sas`: relaxed reachability, mutex groups as finite-domain variables) and
   bench/sas_to_mabos.py turns that into our files, so that both planners search the very
   same task; with `--grounding pyperplan`, bench/pddl_to_mabos.py grounds it with
   pyperplan into boolean facts (more actions: pyperplan keeps operators that are not
   reachable);
2. our side: `mabos-planner-cli import` into a fresh database, then `synth G-1 --state …
   --json` (A*, LM-cut) and `synth --greedy` (h_add); the figures are the JSON's cost,
   nodes_expanded and elapsed_ms (search only: the import and the compilation are not
   counted);
3. Fast Downward, on the same `output.sas` with `--grounding sas`: `fast-downward.py … --search "astar(lmcut())"` and
   `--search "lazy_greedy([ff()])"`; the figures are its "Plan cost", "Expanded N
   state(s)" and "Search time" (search only: its translator is not counted).

Tasks are taken round-robin over the domains (task01 of every domain, then task02, ...),
so that a time budget covers every domain's easy tasks before anyone's hard ones. A domain
is dropped after FD's A* fails on one of its tasks within the limit (the tasks get harder)
or after ours fails on two in a row. Results go to WORK/results.jsonl (one line per task,
appended as they come) and the markdown tables to stdout.
"""

import argparse
import json
import math
import re
import resource
import subprocess
import sys
import time
from pathlib import Path


def limit_memory(gib):
    def apply():
        size = int(gib * 1024**3)
        resource.setrlimit(resource.RLIMIT_AS, (size, size))

    return apply


def run(cmd, timeout, memory_gib):
    """(exit code, stdout, stderr, wall seconds); exit code None on a timeout."""
    started = time.monotonic()
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, preexec_fn=limit_memory(memory_gib))
        return p.returncode, p.stdout, p.stderr, time.monotonic() - started
    except subprocess.TimeoutExpired:
        return None, "", "timeout", time.monotonic() - started


def ours(args, task_dir, greedy):
    db = task_dir / "planner.db"
    if not db.exists():
        code, _, err, _ = run([args.cli, "--db", str(db), "import", str(task_dir / "workspace.json")], 600, args.memory_gib)
        if code != 0:
            return {"error": "import failed: " + err.strip()[-300:]}
    cmd = [args.cli, "--db", str(db), "synth", "G-1", "--state", str(task_dir / "state.json"), "--json"]
    cmd += ["--max-nodes", str(args.max_nodes), "--time-limit-ms", str(int(args.time_limit * 1000))]
    if greedy:
        cmd.append("--greedy")
    code, out, err, wall = run(cmd, args.time_limit + 120, args.memory_gib)
    if code is None or not out.strip():
        return {"error": ("timeout" if code is None else err.strip()[-300:]), "wall": wall}
    result = json.loads(out)
    figures = {"expanded": result["nodes_expanded"], "time": result["elapsed_ms"] / 1000.0, "wall": wall}
    outcome = result["outcome"]
    if outcome["kind"] == "found":
        figures["cost"] = outcome["plan"]["cost"]
        figures["length"] = len(outcome["plan"]["steps"])
    else:
        figures["error"] = outcome["kind"] + (":" + outcome["limit"] if "limit" in outcome else "")
    return figures


def fast_downward(args, inputs, task_dir, search):
    """FD on `inputs`: the domain and problem files, or the one translated `output.sas`."""
    plan = task_dir / ("fd-plan-" + ("astar" if "astar" in search else "greedy"))
    cmd = [args.python, args.fd, "--plan-file", str(plan), "--search-time-limit", f"{int(args.time_limit)}s"]
    cmd += ["--search-memory-limit", f"{int(args.memory_gib * 1024)}M", *map(str, inputs), "--search", search]
    code, out, err, wall = run(cmd, args.time_limit + 300, args.memory_gib + 1)
    figures = {"wall": wall, "exit": code}

    def grab(pattern, kind=float):
        found = re.findall(pattern, out)
        return kind(found[-1]) if found else None

    figures["expanded"] = grab(r"Expanded (\d+) state\(s\)", int)
    figures["time"] = grab(r"Search time: ([\d.]+)s")
    if "Solution found" in out:
        figures["cost"] = grab(r"Plan cost: ([\d.]+)")
        figures["length"] = grab(r"Plan length: (\d+) step", int)
    else:
        figures["error"] = f"exit {code}" if code is not None else "timeout"
    return figures


def ground(args, domain, problem, task_dir):
    """Translates one task into our files: (exit code, summary JSON, stderr, FD's inputs)."""
    here = Path(__file__).parent
    if args.grounding == "pyperplan":
        code, out, err, _ = run([args.python, str(here / "pddl_to_mabos.py"), str(domain), str(problem), str(task_dir)], 600, args.memory_gib)
        return code, out, err, [domain, problem]
    task_dir.mkdir(parents=True, exist_ok=True)
    sas = task_dir / "output.sas"
    code, out, err, _ = run([args.python, args.fd, "--translate", "--sas-file", str(sas), str(domain), str(problem)], 600, args.memory_gib + 1)
    if code != 0:
        return code, out, err, []
    code, out, err, _ = run([args.python, str(here / "sas_to_mabos.py"), str(sas), str(task_dir)], 600, args.memory_gib)
    return code, out, err, [sas]


def ratio(a, b):
    if a is None or b is None:
        return None
    return a / b if b > 0 else (1.0 if a == 0 else math.inf)


def fmt(x, digits=2):
    if x is None:
        return "—"
    if isinstance(x, int):
        return f"{x:,}"
    if x == math.inf:
        return "∞"
    if x >= 100:
        return f"{x:,.0f}"
    return f"{x:.{digits}f}"


def fmt_time(seconds):
    return "—" if seconds is None else f"{seconds:.3f}"


def geomean(values):
    values = [v for v in values if v is not None and 0 < v < math.inf]
    return math.exp(sum(math.log(v) for v in values) / len(values)) if values else None


def tables(rows, time_limit):
    out = []
    out.append("### A* with LM-cut against Fast Downward's `astar(lmcut())`\n")
    out.append("| task | facts | actions | cost FD | cost ours | expanded FD | expanded ours | ×FD | search s FD | search s ours | ×FD |")
    out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    both, same, exp_ok, time_ok, exp_ratios, time_ratios, fd_only, ours_only = 0, 0, 0, 0, [], [], 0, 0
    for r in rows:
        fd, we = r["fd_astar"], r["ours_astar"]
        solved_fd, solved_we = "cost" in fd, "cost" in we
        xe = ratio(we.get("expanded"), fd.get("expanded")) if solved_fd and solved_we else None
        # Times under a millisecond are at the clocks' resolution: compared as 1 ms.
        xt = ratio(max(we.get("time") or 0, 0.001), max(fd.get("time") or 0, 0.001)) if solved_fd and solved_we else None
        if solved_fd and solved_we:
            both += 1
            same += fd["cost"] == we["cost"]
            exp_ok += xe <= 1.5
            time_ok += xt <= 3.0
            exp_ratios.append(xe)
            time_ratios.append(xt)
        elif solved_fd:
            fd_only += 1
        elif solved_we:
            ours_only += 1
        cost_fd = fmt(fd.get("cost")) if solved_fd else fd.get("error", "—")
        cost_we = fmt(we.get("cost")) if solved_we else we.get("error", "—")
        out.append(
            f"| {r['task']} | {r['facts']:,} | {r['actions']:,} | {cost_fd} | {cost_we} | {fmt(fd.get('expanded'))} | "
            f"{fmt(we.get('expanded'))} | {fmt(xe)} | {fmt_time(fd.get('time'))} | {fmt_time(we.get('time'))} | {fmt(xt)} |"
        )
    out.append("")
    out.append(
        f"{len(rows)} tasks, {time_limit:.0f} s limit each. Solved by both: {both}; by FD only: {fd_only}; by ours only: {ours_only}. "
        f"Of those solved by both: same optimal cost {same}/{both}; expansions within 1.5× of FD's {exp_ok}/{both} "
        f"(geometric mean ×{fmt(geomean(exp_ratios))}); search time within 3× {time_ok}/{both} (geometric mean ×{fmt(geomean(time_ratios))})."
    )
    out.append("")
    out.append("### Greedy best-first (h_add) against Fast Downward's `lazy_greedy([ff()])`\n")
    out.append("| task | length FD | length ours | expanded FD | expanded ours | search s FD | search s ours |")
    out.append("|---|---:|---:|---:|---:|---:|---:|")
    g_both, shorter_or_equal, len_ratios, g_time_ratios = 0, 0, [], []
    for r in rows:
        fd, we = r["fd_greedy"], r["ours_greedy"]
        if "length" in fd and "length" in we:
            g_both += 1
            shorter_or_equal += we["length"] <= fd["length"]
            len_ratios.append(ratio(we["length"], fd["length"]) if fd["length"] else None)
            g_time_ratios.append(ratio(max(we["time"], 0.001), max(fd["time"] or 0, 0.001)))
        length_fd = fmt(fd.get("length")) if "length" in fd else fd.get("error", "—")
        length_we = fmt(we.get("length")) if "length" in we else we.get("error", "—")
        out.append(
            f"| {r['task']} | {length_fd} | {length_we} | {fmt(fd.get('expanded'))} | {fmt(we.get('expanded'))} | "
            f"{fmt_time(fd.get('time'))} | {fmt_time(we.get('time'))} |"
        )
    out.append("")
    out.append(
        f"Solved by both: {g_both}; our plan as short or shorter: {shorter_or_equal}/{g_both}; "
        f"length ratio geometric mean ×{fmt(geomean(len_ratios))}; search time ratio geometric mean ×{fmt(geomean(g_time_ratios))}."
    )
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--fd", required=True, help="fast-downward.py")
    ap.add_argument("--python", default=sys.executable)
    ap.add_argument("--benchmarks", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--domains", default="", help="comma-separated; all by default")
    ap.add_argument("--time-limit", type=float, default=30.0, help="seconds per search")
    ap.add_argument("--budget", type=float, default=20.0, help="minutes of wall time in all")
    ap.add_argument("--max-tasks", type=int, default=100, help="per domain")
    ap.add_argument("--max-nodes", type=int, default=20_000_000)
    ap.add_argument("--memory-gib", type=float, default=4.0)
    ap.add_argument("--grounding", choices=["sas", "pyperplan"], default="sas", help="who grounds the task for both planners")
    args = ap.parse_args()
    started = time.monotonic()
    benchmarks = Path(args.benchmarks)
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    domains = sorted(d.name for d in benchmarks.iterdir() if (d / "domain.pddl").exists())
    if args.domains:
        domains = [d for d in domains if d in args.domains.split(",")]
    tasks = {d: sorted(p.name for p in (benchmarks / d).glob("task*.pddl"))[: args.max_tasks] for d in domains}
    dropped = set()
    misses = {d: 0 for d in domains}
    rows = []
    results = (work / "results.jsonl").open("a")
    for k in range(max(len(t) for t in tasks.values())):
        for d in domains:
            if d in dropped or k >= len(tasks[d]):
                continue
            if time.monotonic() - started > args.budget * 60:
                print(f"budget of {args.budget} min spent", file=sys.stderr)
                print(tables(rows, args.time_limit))
                return
            domain, problem = benchmarks / d / "domain.pddl", benchmarks / d / tasks[d][k]
            name = f"{d}/{tasks[d][k].removesuffix('.pddl')}"
            task_dir = work / d / tasks[d][k].removesuffix(".pddl")
            code, out, err, inputs = ground(args, domain, problem, task_dir)
            if code != 0:
                print(f"{name}: translation failed: {err.strip()[-300:]}", file=sys.stderr)
                dropped.add(d)
                continue
            row = {"task": name, **json.loads(out)}
            row["fd_astar"] = fast_downward(args, inputs, task_dir, "astar(lmcut())")
            row["ours_astar"] = ours(args, task_dir, greedy=False)
            row["fd_greedy"] = fast_downward(args, inputs, task_dir, "lazy_greedy([ff()])")
            row["ours_greedy"] = ours(args, task_dir, greedy=True)
            rows.append(row)
            results.write(json.dumps(row) + "\n")
            results.flush()
            fd, we = row["fd_astar"], row["ours_astar"]
            print(
                f"{name}: FD cost {fd.get('cost')} exp {fd.get('expanded')} {fd.get('time')} s | "
                f"ours cost {we.get('cost')} exp {we.get('expanded')} {we.get('time')} s {we.get('error', '')}",
                file=sys.stderr,
            )
            if "cost" not in fd:
                dropped.add(d)
            misses[d] = 0 if "cost" in we else misses[d] + 1
            if misses[d] >= 2:
                dropped.add(d)
    print(tables(rows, args.time_limit))


if __name__ == "__main__":
    main()
