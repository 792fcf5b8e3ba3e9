#!/usr/bin/env python3
"""Translates a STRIPS PDDL task into MABOS Planner's own files: a workspace import
(docs/json-export.md) holding the task's ground actions and one goal whose
postconditions are the task's goal, and a start state for `synth --state`.

    python3 bench/pddl_to_mabos.py DOMAIN.pddl PROBLEM.pddl OUT_DIR

writes OUT_DIR/workspace.json and OUT_DIR/state.json, and prints a one-line JSON summary
(facts, actions, goal size). Needs `pyperplan` (PyPI), whose parser and grounder do the
grounding: static facts are removed, and operators irrelevant to the goal are dropped.

The encoding: every ground atom is a boolean fact (`on.b1.b2`); the start state sets each
atom true or false explicitly (so that "deleted" and "never added" are the same state); a
precondition or goal atom is the condition `atom = true`; an add effect writes true and a
delete effect false, deletes first, so that an atom both deleted and added ends true as in
STRIPS. Every action costs 1 (pyperplan reads no action costs; the tasks used have none).
Action keys are `a00000`, `a00001`, ... in pyperplan's order; the action's name is the
ground operator, e.g. `(move b1 b2 b3)`.
"""

import sys
from pathlib import Path

import mabos_files

from pyperplan.grounding import ground
from pyperplan.pddl.parser import Parser


def fact_key(atom, index):
    """`(on b1 b2)` → `on.b1.b2`; a numbered key when that would be too long or have spaces."""
    key = ".".join(atom.strip("()").split())
    if 0 < len(key) <= 128 and not any(c.isspace() for c in key):
        return key
    return f"atom{index}"


def translate(domain_file, problem_file):
    parser = Parser(domain_file, problem_file)
    domain = parser.parse_domain()
    problem = parser.parse_problem(domain)
    task = ground(problem)
    atoms = sorted(task.facts)
    keys = {}
    for i, atom in enumerate(atoms):
        key = fact_key(atom, i)
        if key in keys.values():
            key = f"atom{i}"
        keys[atom] = key

    def cond(atom):
        return {"key": keys[atom], "op": "eq", "value": True}

    actions = []
    for i, op in enumerate(task.operators):
        effects = [{"key": keys[a], "value": False} for a in sorted(op.del_effects - op.add_effects)]
        effects += [{"key": keys[a], "value": True} for a in sorted(op.add_effects)]
        actions.append(mabos_files.action(i, op.name, [cond(a) for a in sorted(op.preconditions)], effects))
    description = f"{Path(domain_file).parent.name}/{Path(problem_file).name}"
    postconditions = [cond(a) for a in sorted(task.goals)]
    workspace = mabos_files.workspace(task.name, description, postconditions, actions, "bench/pddl_to_mabos.py")
    state = {keys[a]: a in task.initial_state for a in atoms}
    summary = {"facts": len(atoms), "actions": len(actions), "goal": len(task.goals)}
    return workspace, state, summary


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    domain_file, problem_file, out = sys.argv[1:]
    mabos_files.write(out, *translate(domain_file, problem_file))

if __name__ == "__main__":
    main()
