//! The report's text sections: the validation verdict with its problems, the steps
//! table and the tasks table with their agents. Each stops at [`MAX_REPORT_ROWS`] rows
//! and says how many it left out.

use super::text::{hours, money, text};
use super::{ReportInput, MAX_REPORT_ROWS};
use crate::domain::{Action, Agent};
use crate::planning::PlanValidation;
use std::collections::HashMap;
use std::fmt::Write;

/// The verdict: valid or not, and one line per problem.
pub(super) fn verdict(v: &PlanValidation) -> String {
    let problems = problems(v);
    let mut out = format!(
        r#"<div class="verdict{}" data-valid="{}"><strong>{}</strong>"#,
        if v.valid { "" } else { " invalid" },
        v.valid,
        if v.valid { "Valid" } else { "Not valid" }
    );
    if v.valid {
        out.push_str(" — every step's preconditions hold in every order the plan allows, and its postconditions hold at the end.");
    } else {
        let _ = write!(out, " — {} problem{}:", problems.len(), if problems.len() == 1 { "" } else { "s" });
        out.push_str(r#"<ul class="problems">"#);
        for p in problems.iter().take(MAX_REPORT_ROWS) {
            let _ = write!(out, "<li>{p}</li>");
        }
        more(&mut out, problems.len(), "li", 1);
        out.push_str("</ul>");
    }
    if !v.state_given {
        out.push_str(r#"<div class="muted">Start state read from the plan's preconditions.</div>"#);
    }
    out.push_str("</div>");
    out
}

/// The steps table, in the timeline's order (every step after the steps before it).
pub(super) fn steps_table(input: &ReportInput) -> String {
    let actions: HashMap<&str, &Action> = input.actions.iter().map(|a| (a.key.as_str(), a)).collect();
    let mut out = String::from(concat!(
        r#"<table class="steps"><thead><tr><th>Step</th><th>Action</th><th>Cost</th><th>Duration</th>"#,
        r#"<th>Earliest start</th><th>Slack</th><th>Critical</th></tr></thead><tbody>"#
    ));
    for s in input.timeline.steps.iter().take(MAX_REPORT_ROWS) {
        let action = actions.get(s.action.as_str());
        let name = action.filter(|a| !a.fields.name.is_empty() && a.fields.name != a.key).map_or(String::new(), |a| format!(" {}", text(&a.fields.name)));
        let cost = action.map_or("—".to_owned(), |a| money(a.fields.cost));
        let _ = write!(
            out,
            concat!(
                r#"<tr data-step="{k}"{c}><td>{k}</td><td>{a}{n}</td><td class="num">{cost}</td><td class="num">{d}</td>"#,
                r#"<td class="num">{es}</td><td class="num">{sl}</td><td>{crit}</td></tr>"#
            ),
            k = text(&s.step),
            c = if s.critical { r#" class="critical""# } else { "" },
            a = text(&s.action),
            n = name,
            cost = cost,
            d = hours(s.duration),
            es = hours(s.earliest_start),
            sl = hours(s.slack),
            crit = if s.critical { "yes" } else { "" },
        );
    }
    more(&mut out, input.timeline.steps.len(), "tr", 7);
    out.push_str("</tbody></table>");
    out
}

/// The tasks table: each task made from the plan's steps, with its agent.
pub(super) fn tasks_table(input: &ReportInput) -> String {
    if input.tasks.is_empty() {
        return r#"<p class="muted tasks-none">No tasks yet: the plan has not been started.</p>"#.to_owned();
    }
    let agents: HashMap<&str, &Agent> = input.agents.iter().map(|a| (a.key.as_str(), a)).collect();
    let mut out = String::from(
        r#"<table class="tasks"><thead><tr><th>Task</th><th>Title</th><th>Step</th><th>Status</th><th>Agent</th></tr></thead><tbody>"#,
    );
    for t in input.tasks.iter().take(MAX_REPORT_ROWS) {
        let agent = match t.assignee.as_deref() {
            None => r#"<span class="muted">unassigned</span>"#.to_owned(),
            Some(key) => match agents.get(key) {
                Some(a) if !a.fields.name.is_empty() => format!("{} {}", text(key), text(&a.fields.name)),
                _ => text(key),
            },
        };
        let _ = write!(
            out,
            r#"<tr data-task="{k}"><td>{k}</td><td>{title}</td><td>{step}</td><td>{status}</td><td class="agent">{agent}</td></tr>"#,
            k = text(&t.key),
            title = text(&t.fields.title),
            step = t.fields.step.as_ref().map_or(String::new(), |s| text(&s.step)),
            status = t.status,
        );
    }
    more(&mut out, input.tasks.len(), "tr", 5);
    out.push_str("</tbody></table>");
    out
}

/// Every problem of a verdict, as escaped text.
fn problems(v: &PlanValidation) -> Vec<String> {
    let mut out = Vec::new();
    for m in &v.missing_actions {
        out.push(format!("Step {}: action {} is not in the library.", text(&m.step), text(&m.action)));
    }
    for c in &v.unmet_preconditions {
        out.push(format!("The start state does not meet the plan's precondition {}.", text(&c.condition.to_string())));
    }
    for s in &v.broken_steps {
        out.push(format!(
            "Step {} ({}): precondition {} may fail.",
            text(&s.step),
            text(&s.action),
            text(&s.condition.to_string())
        ));
    }
    for p in &v.unmet_postconditions {
        out.push(format!(
            "Postcondition {} of {} {} may not hold at the end.",
            text(&p.condition.to_string()),
            p.owner,
            text(&p.key)
        ));
    }
    for c in &v.constraint_violations {
        out.push(format!("Constraint {} may be broken during execution.", text(&c.condition.to_string())));
    }
    if let Some(b) = v.budget.as_ref().filter(|b| b.over) {
        out.push(format!("Over budget: the steps cost {}, the budget is {}.", money(b.total_cost), money(b.budget)));
    }
    if let Some(d) = v.deadline.as_ref().filter(|d| d.late) {
        out.push(format!(
            "Late: started at {} it finishes at {}, after the deadline {}.",
            text(&d.start),
            d.finish.as_deref().map_or("a time past the year 9999".to_owned(), text),
            text(&d.deadline)
        ));
    }
    out
}

/// A last row saying how many of `total` rows were left out, if any.
fn more(out: &mut String, total: usize, element: &str, columns: usize) {
    if total > MAX_REPORT_ROWS {
        let left = total - MAX_REPORT_ROWS;
        match element {
            "tr" => {
                let _ = write!(out, r#"<tr class="more"><td colspan="{columns}">and {left} more</td></tr>"#);
            }
            _ => {
                let _ = write!(out, "<{element} class=\"more\">and {left} more</{element}>");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_past_the_limit_are_counted_not_listed() {
        let mut out = String::new();
        more(&mut out, MAX_REPORT_ROWS, "tr", 5);
        assert_eq!(out, "");
        more(&mut out, MAX_REPORT_ROWS + 7, "tr", 5);
        assert_eq!(out, r#"<tr class="more"><td colspan="5">and 7 more</td></tr>"#);
        out.clear();
        more(&mut out, MAX_REPORT_ROWS + 1, "li", 1);
        assert_eq!(out, r#"<li class="more">and 1 more</li>"#);
    }
}
