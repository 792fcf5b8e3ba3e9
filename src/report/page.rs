//! The whole page: the header, then the verdict, totals, graph, timeline, steps and
//! tasks sections, in one HTML document with its stylesheet inline.

use super::gantt_svg::gantt_svg;
use super::graph_svg::{graph_svg, GraphEdge, GraphStep};
use super::style::CSS;
use super::tables::{steps_table, tasks_table, verdict};
use super::text::{hours, money, text};
use super::{ReportInput, MAX_REPORT_ROWS};
use crate::export::GENERATOR;
use crate::Result;
use std::collections::{HashMap, HashSet};
use std::fmt::Write;

pub(super) fn render(input: &ReportInput) -> Result<String> {
    let plan = input.plan;
    let timeline = input.timeline;
    let title = if plan.fields.title.is_empty() { plan.key.as_str() } else { plan.fields.title.as_str() };

    let mut out = String::with_capacity(8_000 + 2_000 * timeline.steps.len().min(MAX_REPORT_ROWS) + 300 * input.tasks.len().min(MAX_REPORT_ROWS));
    let _ = write!(
        out,
        concat!(
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">",
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
            "<meta name=\"generator\" content=\"{gen}\"><title>{key} {title} — plan report</title>",
            "<style>{css}</style></head><body>\n"
        ),
        gen = text(GENERATOR),
        key = text(&plan.key),
        title = text(title),
        css = CSS
    );

    // Header.
    let _ = write!(
        out,
        concat!(
            "<header><h1><span class=\"plan-key\">{key}</span> {title}</h1><dl class=\"facts\">",
            "<dt>Goal</dt><dd class=\"goal\">{goal} {goal_title}</dd>",
            "<dt>Status</dt><dd class=\"status\">{status}</dd><dt>Priority</dt><dd>{priority}</dd>",
            "<dt>Deadline</dt><dd>{deadline}</dd><dt>Budget</dt><dd>{budget}</dd>",
            "<dt>Generated at</dt><dd class=\"generated-at\">{at}</dd></dl></header>\n"
        ),
        key = text(&plan.key),
        title = text(&plan.fields.title),
        goal = text(&input.goal.key),
        goal_title = text(&input.goal.fields.title),
        status = plan.status,
        priority = plan.fields.priority,
        deadline = plan.fields.deadline.as_deref().map_or("none".to_owned(), text),
        budget = plan.fields.budget.map_or("none".to_owned(), money),
        at = text(input.generated_at),
    );

    // Verdict and totals.
    let _ = writeln!(out, "<section id=\"validation\"><h2>Validation</h2>{}</section>", verdict(input.validation));
    let critical: Vec<&str> = timeline.steps.iter().filter(|s| s.critical).map(|s| s.step.as_str()).collect();
    let _ = write!(
        out,
        concat!(
            "<section id=\"totals\"><h2>Totals</h2><div class=\"totals\">",
            "<div>Cost<b class=\"total-cost\">{cost}</b></div><div>Duration (critical path)<b class=\"total-duration\">{duration}</b></div>",
            "<div>Steps<b>{steps}</b></div>{projected}</div>",
            "<p class=\"critical-path\">Critical path: {path}</p></section>\n"
        ),
        cost = money(input.validation.total_cost),
        duration = hours(timeline.duration_hours),
        steps = timeline.steps.len(),
        projected = if timeline.started {
            format!("<div>Projected finish<b>{}</b></div>", hours(timeline.projected_finish))
        } else {
            String::new()
        },
        path = if critical.is_empty() { "none".to_owned() } else { critical.iter().map(|s| text(s)).collect::<Vec<_>>().join(" → ") },
    );

    // The plan graph, drawn from the layered layout.
    out.push_str("<section id=\"graph\"><h2>Plan graph</h2>");
    if plan.steps.is_empty() {
        out.push_str("<p class=\"muted\">The plan has no steps.</p>");
    } else if plan.steps.len() > MAX_REPORT_ROWS {
        let _ = write!(out, "<p class=\"muted\">{} steps: too many to draw here; the tables list them.</p>", plan.steps.len());
    } else {
        let action_names: HashMap<&str, &str> = input.actions.iter().map(|a| (a.key.as_str(), a.fields.name.as_str())).collect();
        let labels: Vec<String> = plan
            .steps
            .iter()
            .map(|s| match action_names.get(s.action.as_str()) {
                Some(name) if !name.is_empty() && *name != s.action => format!("{} {}", s.action, name),
                _ => s.action.clone(),
            })
            .collect();
        let critical_steps: HashSet<&str> = critical.iter().copied().collect();
        let steps: Vec<GraphStep> = plan
            .steps
            .iter()
            .zip(&labels)
            .map(|(s, label)| GraphStep { key: &s.key, action: label, critical: critical_steps.contains(s.key.as_str()) })
            .collect();
        let edges: Vec<GraphEdge> = timeline.edges.iter().map(|e| GraphEdge { before: &e.before, after: &e.after, critical: e.critical }).collect();
        out.push_str("<div class=\"drawing\">");
        out.push_str(&graph_svg(&steps, &edges)?);
        out.push_str("</div><div class=\"legend\"><span><i class=\"critical\"></i>critical path</span></div>");
    }
    out.push_str("</section>\n");

    // The timeline.
    let _ = write!(
        out,
        "<section id=\"timeline\"><h2>Timeline</h2><p class=\"muted\">Hours from {} ({}).</p>",
        text(&timeline.origin),
        if timeline.started { "when the plan started" } else { "now; the plan has not started" }
    );
    if !timeline.steps.is_empty() {
        out.push_str("<div class=\"drawing\">");
        out.push_str(&gantt_svg(timeline, MAX_REPORT_ROWS));
        out.push_str(concat!(
            "</div><div class=\"legend\"><span><i class=\"bar\"></i>planned (earliest start)</span>",
            "<span><i class=\"critical\"></i>critical</span><span><i class=\"slack\"></i>slack</span>",
            "<span><i class=\"actual\"></i>actual</span><span><i class=\"projected\"></i>projected</span>",
            "<span><i class=\"now\"></i>now</span></div>"
        ));
    }
    out.push_str("</section>\n");

    let _ = writeln!(out, "<section id=\"steps\"><h2>Steps</h2>{}</section>", steps_table(input));
    let _ = writeln!(out, "<section id=\"tasks\"><h2>Tasks</h2>{}</section>", tasks_table(input));
    let _ = write!(out, "<footer>Made by {} at {}.</footer>\n</body></html>\n", text(GENERATOR), text(input.generated_at));
    Ok(out)
}
