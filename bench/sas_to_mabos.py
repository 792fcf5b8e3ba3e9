#!/usr/bin/env python3
"""Translates a Fast Downward SAS+ task (the translator's `output.sas`, file format
version 3) into MABOS Planner's own files: a workspace import (docs/json-export.md) with
one action per operator and one goal whose postconditions are the task's goal, and a start
state for `synth --state`.

    python3 bench/sas_to_mabos.py OUTPUT.sas OUT_DIR

writes OUT_DIR/workspace.json and OUT_DIR/state.json and prints a one-line JSON summary
(variables, facts, actions, goal size).

Why SAS+: Fast Downward's translator grounds by relaxed reachability and finds mutex
groups, which become finite-domain variables (the planner's facts have finite domains of
values, so a variable maps onto one fact). Both planners then search the very same task,
and a comparison measures search and heuristic, not two groundings.

The encoding: variable `i` is the fact `v<i>` (`v<i>.<name>` would not help: FD names
them var0, var1, ...); its value is the value's index, a number (0, 1, ...), so a
variable's domain is exactly its values. A prevail condition or an effect's precondition
is `v<i> = value`; an effect writes the value. Operators with conditional effects, and
tasks with axioms, are refused (STRIPS tasks have none). Costs: 1 per operator unless the
task has an action-cost metric (`begin_metric 1`), then the operator's cost.
"""

import sys
from pathlib import Path

import mabos_files


class Sas:
    def __init__(self, text):
        self.lines = [line.rstrip("\n") for line in text.splitlines()]
        self.at = 0

    def line(self):
        line = self.lines[self.at]
        self.at += 1
        return line

    def expect(self, word):
        got = self.line()
        if got != word:
            raise ValueError(f"line {self.at}: expected {word!r}, got {got!r}")

    def ints(self):
        return [int(x) for x in self.line().split()]


def parse(text):
    sas = Sas(text)
    sas.expect("begin_version")
    version = int(sas.line())
    if version != 3:
        raise ValueError(f"SAS+ file format version {version}; only 3 is read")
    sas.expect("end_version")
    sas.expect("begin_metric")
    metric = int(sas.line()) == 1
    sas.expect("end_metric")
    variables = []
    for _ in range(int(sas.line())):
        sas.expect("begin_variable")
        name = sas.line()
        axiom_layer = int(sas.line())
        if axiom_layer != -1:
            raise ValueError(f"variable {name} is derived (axioms): not a STRIPS task")
        values = [sas.line() for _ in range(int(sas.line()))]
        sas.expect("end_variable")
        variables.append((name, values))
    for _ in range(int(sas.line())):
        sas.expect("begin_mutex_group")
        for _ in range(int(sas.line())):
            sas.line()
        sas.expect("end_mutex_group")
    sas.expect("begin_state")
    start = [int(sas.line()) for _ in variables]
    sas.expect("end_state")
    sas.expect("begin_goal")
    goal = [tuple(sas.ints()) for _ in range(int(sas.line()))]
    sas.expect("end_goal")
    operators = []
    for _ in range(int(sas.line())):
        sas.expect("begin_operator")
        name = sas.line()
        pre = [tuple(sas.ints()) for _ in range(int(sas.line()))]
        effects = []
        for _ in range(int(sas.line())):
            numbers = sas.ints()
            if numbers[0] != 0:
                raise ValueError(f"operator ({name}) has a conditional effect")
            var, before, after = numbers[1:4]
            if before != -1:
                pre.append((var, before))
            effects.append((var, after))
        cost = int(sas.line())
        sas.expect("end_operator")
        operators.append((name, sorted(set(pre)), effects, cost if metric else 1))
    if int(sas.line()) != 0:
        raise ValueError("the task has axioms: not a STRIPS task")
    return variables, start, goal, operators


def translate(text):
    variables, start, goal, operators = parse(text)

    def cond(var, value):
        return {"key": f"v{var:04d}", "op": "eq", "value": value}

    actions = [
        mabos_files.action(i, f"({name})", [cond(v, x) for v, x in pre], [{"key": f"v{v:04d}", "value": x} for v, x in effects], cost)
        for i, (name, pre, effects, cost) in enumerate(operators)
    ]
    workspace = mabos_files.workspace("SAS+ task", "", [cond(v, x) for v, x in goal], actions, "bench/sas_to_mabos.py")
    state = {f"v{i:04d}": value for i, value in enumerate(start)}
    summary = {
        "variables": len(variables),
        "facts": sum(len(values) for _, values in variables),
        "actions": len(actions),
        "goal": len(goal),
    }
    return workspace, state, summary


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sas_file, out = sys.argv[1:]
    mabos_files.write(out, *translate(Path(sas_file).read_text()))

if __name__ == "__main__":
    main()
