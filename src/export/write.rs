//! Export: a version 1 [`Document`] made deterministic and written as text. Reading the
//! rows into it is `db::export`'s job, putting the parts together `ops::export`'s.
//!
//! Determinism: every list is sorted here, in Rust, by key (capabilities and capability
//! levels by name, edges by both ends), whatever order SQLite returns; conditions and
//! effects keep their stored order, which is meaningful. The only varying field is
//! `exported_at`, which SOURCE_DATE_EPOCH pins.

use super::v1::*;
use crate::domain::CapabilityLevel;
use crate::htn::Method;
use crate::time_util::{from_unix_seconds, now_rfc3339};
use std::collections::{BTreeSet, HashSet};

/// The `generator` of every file this build writes.
pub const GENERATOR: &str = concat!("mabos-planner ", env!("CARGO_PKG_VERSION"));

/// The text of a document: pretty JSON, two-space indent, one trailing newline.
pub fn to_text(doc: &Document) -> String {
    // A document is plain data with string map keys: serialising it cannot fail.
    let mut text = serde_json::to_string_pretty(doc).expect("documents always serialise");
    text.push('\n');
    text
}

/// Keeps a plan file self-contained: links to goals and tasks outside the file are
/// dropped, and the capabilities are those its actions and agents name.
pub(crate) fn confine_to_plan(doc: &mut Document) {
    let goal_keys: HashSet<String> = doc.goals.iter().map(|g| g.key.clone()).collect();
    for g in &mut doc.goals {
        g.parent = g.parent.take().filter(|p| goal_keys.contains(p));
        g.depends_on.retain(|d| goal_keys.contains(d));
        g.contributions.retain(|c| goal_keys.contains(&c.to));
    }
    let task_keys: HashSet<String> = doc.tasks.iter().map(|t| t.key.clone()).collect();
    for t in &mut doc.tasks {
        t.goal = t.goal.take().filter(|g| goal_keys.contains(g));
        t.depends_on.retain(|d| task_keys.contains(d));
    }
    let named: BTreeSet<&str> = doc
        .actions
        .iter()
        .flat_map(|a| &a.requires)
        .chain(doc.agents.iter().flat_map(|a| &a.capabilities))
        .map(|c| c.capability.as_str())
        .collect();
    doc.capabilities = named.into_iter().map(|name| CapabilityDoc { name: name.to_owned() }).collect();
}

/// A method as the file writes it, subtasks in their order.
pub(crate) fn method_doc(m: Method) -> MethodDoc {
    MethodDoc {
        key: m.key,
        goal: m.goal,
        name: m.fields.name,
        priority: m.fields.priority,
        ordered: m.fields.ordered,
        conditions: m.fields.conditions,
        subtasks: m.fields.subtasks,
    }
}

/// An empty document of `kind`, stamped with this build and the export time.
pub(crate) fn envelope(kind: DocumentKind) -> Document {
    Document {
        format: FORMAT.to_owned(),
        version: VERSION,
        kind,
        exported_at: exported_at(std::env::var("SOURCE_DATE_EPOCH").ok().as_deref()),
        generator: GENERATOR.to_owned(),
        capabilities: Vec::new(),
        agents: Vec::new(),
        goals: Vec::new(),
        actions: Vec::new(),
        methods: Vec::new(),
        plans: Vec::new(),
        tasks: Vec::new(),
        world_state: Vec::new(),
    }
}

/// SOURCE_DATE_EPOCH (seconds since 1970) when set, for reproducible files; else now.
pub(crate) fn exported_at(source_date_epoch: Option<&str>) -> String {
    match source_date_epoch {
        None => now_rfc3339(),
        Some(text) => text.trim().parse().ok().and_then(from_unix_seconds).unwrap_or_else(|| {
            tracing::warn!(value = text, "SOURCE_DATE_EPOCH is not a number of seconds; using the current time");
            now_rfc3339()
        }),
    }
}

/// Sorts every list by key (capability lists by name, edges by both ends).
pub(crate) fn sort(doc: &mut Document) {
    let by_name = |a: &CapabilityLevel, b: &CapabilityLevel| a.capability.cmp(&b.capability);
    doc.capabilities.sort_by(|a, b| a.name.cmp(&b.name));
    doc.agents.sort_by(|a, b| a.key.cmp(&b.key));
    for a in &mut doc.agents {
        a.capabilities.sort_by(by_name);
    }
    doc.goals.sort_by(|a, b| a.key.cmp(&b.key));
    for g in &mut doc.goals {
        g.depends_on.sort();
        g.contributions.sort_by(|a, b| a.to.cmp(&b.to));
        g.metrics.sort_by(|a, b| a.name.cmp(&b.name));
    }
    doc.actions.sort_by(|a, b| a.key.cmp(&b.key));
    for a in &mut doc.actions {
        a.requires.sort_by(by_name);
    }
    doc.methods.sort_by(|a, b| a.key.cmp(&b.key));
    doc.plans.sort_by(|a, b| a.key.cmp(&b.key));
    for p in &mut doc.plans {
        p.steps.sort_by(|a, b| a.key.cmp(&b.key));
        p.edges.sort();
    }
    doc.tasks.sort_by(|a, b| a.key.cmp(&b.key));
    for t in &mut doc.tasks {
        t.depends_on.sort();
    }
}

#[cfg(test)]
mod tests {
    use super::exported_at;

    #[test]
    fn source_date_epoch_pins_the_time() {
        assert_eq!(exported_at(Some("1767225600")), "2026-01-01T00:00:00.000Z");
        assert_eq!(exported_at(Some(" 0 ")), "1970-01-01T00:00:00.000Z");
        // Not a number: the current time, not an error.
        assert!(exported_at(Some("yesterday")).ends_with('Z'));
        assert!(exported_at(None).ends_with('Z'));
    }
}
