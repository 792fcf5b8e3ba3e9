"""What the task translators (pddl_to_mabos.py, sas_to_mabos.py) write: a workspace import
(docs/json-export.md) of ground actions and one goal, G-1, and a start state for
`synth --state`."""

import json
from pathlib import Path


def action(index, name, preconditions, effects, cost=1.0):
    """Action `a00000`, `a00001`, ... (keys in the order ties are broken by)."""
    return {
        "key": f"a{index:05d}",
        "name": name[:200],
        "description": "",
        "cost": float(cost),
        "duration": 1.0,
        "requires": [],
        "preconditions": preconditions,
        "effects": effects,
    }


def workspace(title, description, postconditions, actions, generator):
    """The import: the actions and the goal G-1 whose postconditions are the task's goal."""
    goal = {
        "key": "G-1",
        "title": title,
        "description": description,
        "status": "active",
        "priority": 5,
        "kind": "hard",
        "mode": "achieve",
        "refinement": "and",
        "parent": None,
        "depends_on": [],
        "contributions": [],
        "preconditions": [],
        "postconditions": postconditions,
        "effects": [],
        "metrics": [],
    }
    return {
        "format": "mabos-planner",
        "version": 1,
        "kind": "workspace",
        "exported_at": "2026-01-01T00:00:00Z",
        "generator": generator,
        "goals": [goal],
        "actions": actions,
    }


def write(out, workspace, state, summary):
    """OUT/workspace.json and OUT/state.json, and the summary as one JSON line on stdout."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "workspace.json").write_text(json.dumps(workspace))
    (out / "state.json").write_text(json.dumps(state))
    print(json.dumps(summary))
