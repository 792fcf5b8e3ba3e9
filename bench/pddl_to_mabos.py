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

import json
import sys
from pathlib import Path

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
        actions.append(
            {
                "key": f"a{i:05d}",
                "name": op.name,
                "description": "",
                "cost": 1.0,
                "duration": 1.0,
                "requires": [],
                "preconditions": [cond(a) for a in sorted(op.preconditions)],
                "effects": effects,
            }
        )
    goal = {
        "key": "G-1",
        "title": f"{task.name}",
        "description": f"{Path(domain_file).parent.name}/{Path(problem_file).name}",
        "status": "active",
        "priority": 5,
        "kind": "hard",
        "mode": "achieve",
        "refinement": "and",
        "parent": None,
        "depends_on": [],
        "contributions": [],
        "preconditions": [],
        "postconditions": [cond(a) for a in sorted(task.goals)],
        "effects": [],
        "metrics": [],
    }
    workspace = {
        "format": "mabos-planner",
        "version": 1,
        "kind": "workspace",
        "exported_at": "2026-01-01T00:00:00Z",
        "generator": "bench/pddl_to_mabos.py",
        "goals": [goal],
        "actions": actions,
    }
    state = {keys[a]: a in task.initial_state for a in atoms}
    summary = {"facts": len(atoms), "actions": len(actions), "goal": len(task.goals)}
    return workspace, state, summary


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    domain_file, problem_file, out = sys.argv[1:]
    workspace, state, summary = translate(domain_file, problem_file)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "workspace.json").write_text(json.dumps(workspace))
    (out / "state.json").write_text(json.dumps(state))
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
