//! A generated workspace of many goals, as an import file (format version 1), for the
//! start-up measurement: trees of a hundred goals, up to five children each.

use serde_json::{json, Value};

/// `goals` goals in trees of 100: goal `i` of a tree hangs under goal `(i - 1) / 5` of
/// the same tree, so each tree is four levels deep. Keys `G-1` … `G-n`.
pub fn document(goals: usize) -> Value {
    const TREE: usize = 100;
    const WORDS: [&str; 8] = ["revenue", "stock", "shipping", "pricing", "support", "catalogue", "payments", "compliance"];
    let list: Vec<Value> = (0..goals)
        .map(|i| {
            let (tree, place) = (i / TREE, i % TREE);
            let parent = (place > 0).then(|| format!("G-{}", tree * TREE + (place - 1) / 5 + 1));
            json!({
                "key": format!("G-{}", i + 1),
                "title": format!("Improve {} for unit {} (goal {})", WORDS[i % WORDS.len()], tree + 1, i + 1),
                "description": if i % 3 == 0 { format!("Why goal {} matters to unit {}.", i + 1, tree + 1) } else { String::new() },
                "status": "pending",
                "priority": 1 + i % 10,
                "kind": if i % 7 == 0 { "soft" } else { "hard" },
                "mode": "achieve",
                "refinement": "and",
                "parent": parent,
                "depends_on": [],
                "contributions": [],
                "preconditions": [],
                "postconditions": [{ "key": format!("state.flag{}", i % 13), "op": "eq", "value": i % 2 == 0 }],
                "effects": [],
                "metrics": []
            })
        })
        .collect();
    json!({
        "format": "mabos-planner",
        "version": 1,
        "kind": "workspace",
        "exported_at": "2026-01-01T00:00:00Z",
        "generator": "e2e perf",
        "capabilities": [],
        "agents": [],
        "goals": list,
        "actions": [],
        "plans": [],
        "tasks": []
    })
}
