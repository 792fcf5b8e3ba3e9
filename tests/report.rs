//! The plan report (`Store::plan_report_html`) over a real store: the launch diamond of
//! `workspaces::launch_diamond` (S1 → S2 | S3 → S4; S3 is longer, so S1, S3, S4 are
//! critical; S2 and S3 write the fact S4 needs in either order, so the plan is not valid).

mod common;
use common::builders::agent;
use common::{dump, workspaces};
use mabos_planner::*;
use time::macros::datetime;
use time::OffsetDateTime;

const NOW: OffsetDateTime = datetime!(2027-01-01 09:00 UTC);

/// The diamond started, its tasks assigned to one agent, its first task done; the plan
/// and a task titled with markup.
fn running() -> Store {
    let mut s = workspaces::launch_diamond();
    agent("AG-ADA").named("Ada \"the\" <b>Builder</b> & Co").capacity(100.0).create(&mut s);
    let start = s.start_plan("P-L").unwrap();
    for t in &start.tasks {
        s.assign_task(t, Some("AG-ADA")).unwrap();
    }
    let first = s.tasks(&TaskFilter { plan: Some("P-L".into()), ..TaskFilter::default() }).unwrap();
    let s1 = first.iter().find(|t| t.fields.step.as_ref().is_some_and(|r| r.step == "S1")).unwrap().key.clone();
    s.set_task_status(&s1, TaskStatus::InProgress).unwrap();
    s.complete_task(&s1).unwrap();
    let s4 = first.iter().find(|t| t.fields.step.as_ref().is_some_and(|r| r.step == "S4")).unwrap();
    let mut fields = s4.fields.clone();
    fields.title = "<script>alert(\"t\")</script> & 'go live'".into();
    s.update_task(&s4.key.clone(), &fields).unwrap();
    let mut plan = s.plan("P-L").unwrap().fields;
    plan.title = "Launch <img src=x onerror=alert(1)> & \"ship\"".into();
    s.update_plan("P-L", &plan).unwrap();
    s
}

/// The attribute values of `name` on every element that has it.
fn attributes<'a>(html: &'a str, name: &str) -> Vec<&'a str> {
    html.split(&format!(" {name}=\"")).skip(1).map(|rest| rest.split('"').next().unwrap()).collect()
}

#[test]
fn a_plan_not_started_shows_every_step_its_critical_path_and_its_verdict() {
    let store = workspaces::launch_diamond();
    let html = store.plan_report_html("P-L", NOW).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    // Header.
    assert!(html.contains("<span class=\"plan-key\">P-L</span> Launch</h1>"), "{html}");
    assert!(html.contains("<dd class=\"goal\">G-L Launch</dd>"));
    assert!(html.contains("<dd class=\"status\">draft</dd>"));
    assert!(html.contains("<dd>2027-01-01T23:00:00.000Z</dd>") || html.contains("<dd>2027-01-01T23:00:00Z</dd>"), "{html}");
    assert!(html.contains("<dd class=\"generated-at\">2027-01-01T09:00:00.000Z</dd>"));
    // Every step: a box in the graph, a row in the Gantt chart and in the steps table.
    for step in ["S1", "S2", "S3", "S4"] {
        assert_eq!(html.matches(&format!("<g class=\"node{}\" data-step=\"{step}\"", if step == "S2" { "" } else { " critical" })).count(), 1, "{step}");
        assert_eq!(html.matches(&format!("data-step=\"{step}\"")).count(), 3, "{step}");
    }
    // Four edges with arrowheads, two of them critical (S1 → S3 → S4).
    assert_eq!(html.matches("<path class=\"edge").count(), 4);
    assert_eq!(attributes(&html, "data-before").len(), 4);
    assert_eq!(html.matches("<path class=\"edge critical\"").count(), 2);
    assert!(html.contains("Critical path: S1 → S3 → S4"));
    // Totals: 1000 + 50 + 200 + 100; 8 + 3 + 2 hours.
    assert!(html.contains("<b class=\"total-cost\">1350.00</b>"));
    assert!(html.contains("<b class=\"total-duration\">13.0 h</b>"));
    // S2 can slip two hours; the Gantt chart draws that slack.
    assert!(html.contains("<tr data-step=\"S2\"><td>S2</td><td>A-MAINT-ON</td><td class=\"num\">50.00</td><td class=\"num\">1.0 h</td><td class=\"num\">8.0 h</td><td class=\"num\">2.0 h</td><td></td></tr>"), "{html}");
    assert_eq!(html.matches("<rect class=\"slack\"").count(), 1);
    assert_eq!(html.matches("<rect class=\"bar critical\"").count(), 3);
    // The verdict names S4's broken precondition.
    assert!(html.contains("data-valid=\"false\"><strong>Not valid</strong>"));
    assert!(html.contains("Step S4 (A-LIVE): precondition maintenance = false may fail."), "{html}");
    assert!(html.contains("No tasks yet"));
}

#[test]
fn a_running_plan_shows_its_tasks_with_their_agents_and_what_has_happened() {
    let store = running();
    let html = store.plan_report_html("P-L", NOW).unwrap();
    assert!(html.contains("<dd class=\"status\">active</dd>"));
    assert_eq!(html.matches("<tr data-task=").count(), 4);
    assert_eq!(html.matches("<td class=\"agent\">AG-ADA Ada &quot;the&quot; &lt;b&gt;Builder&lt;/b&gt; &amp; Co</td>").count(), 4, "{html}");
    // S1 is done; the others wait for it.
    assert_eq!(html.matches("<td>done</td>").count(), 1);
    // What S1's task did, and where the rest is expected to run.
    assert!(html.contains("<rect class=\"actual\""));
    assert_eq!(html.matches("<rect class=\"projected\"").count(), 3);
    assert!(html.contains("<line class=\"now\""));
    assert!(html.contains("Projected finish"));
}

#[test]
fn text_from_the_database_comes_out_as_text() {
    let html = running().plan_report_html("P-L", NOW).unwrap();
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("<img"));
    assert!(html.contains("&lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt; &amp; &#39;go live&#39;"));
    assert!(html.contains("Launch &lt;img src=x onerror=alert(1)&gt; &amp; &quot;ship&quot;</h1>"));
}

#[test]
fn the_file_stands_alone() {
    let html = running().plan_report_html("P-L", NOW).unwrap();
    // No network, no other file: nothing fetched, no script, every link inside the page.
    assert!(!html.to_lowercase().contains("http"), "{html}");
    assert!(!html.contains(" src=\"") && !html.contains("@import") && !html.contains("url(http"));
    assert!(attributes(&html, "href").iter().all(|h| h.starts_with('#')));
    assert!(attributes(&html, "marker-end").iter().all(|m| m.starts_with("url(#arrow")));
    assert!(!html.contains("<script") && !html.contains("<link"));
    // Light and dark from the system's setting.
    assert!(html.contains("@media (prefers-color-scheme: dark)"));
}

#[test]
fn the_same_plan_at_the_same_time_gives_the_same_bytes_and_reading_changes_nothing() {
    let store = running();
    let before = dump(&store);
    let seq = store.last_event_seq().unwrap();
    assert_eq!(store.plan_report_html("P-L", NOW).unwrap(), store.plan_report_html("P-L", NOW).unwrap());
    assert_eq!((dump(&store), store.last_event_seq().unwrap()), (before, seq));
}

#[test]
fn a_huge_title_does_not_make_a_huge_report() {
    let mut store = workspaces::launch_diamond();
    let small = store.plan_report_html("P-L", NOW).unwrap().len();
    let mut fields = store.plan("P-L").unwrap().fields;
    fields.title = "x".repeat(1_000_000);
    store.update_plan("P-L", &fields).unwrap();
    let big = store.plan_report_html("P-L", NOW).unwrap();
    // The title shows twice (page title and heading), cut to MAX_TEXT_CHARS.
    assert!(big.len() < small + 3 * report::MAX_TEXT_CHARS * 4, "{} bytes", big.len());
    assert!(big.contains(&format!("{}…", "x".repeat(report::MAX_TEXT_CHARS - 1))));
}

#[test]
fn an_unknown_plan_is_refused_by_key() {
    let store = workspaces::launch_diamond();
    let err = store.plan_report_html("P-NOPE", NOW).unwrap_err();
    assert!(matches!(&err, Error::NotFound { entity: Entity::Plan, key } if key == "P-NOPE"), "{err:?}");
}

#[test]
fn an_over_budget_late_plan_says_so_in_its_verdict() {
    let mut store = workspaces::launch_diamond();
    let mut fields = store.plan("P-L").unwrap().fields;
    fields.budget = Some(1000.0);
    fields.deadline = Some("2027-01-01T12:00:00Z".into());
    store.update_plan("P-L", &fields).unwrap();
    let html = store.plan_report_html("P-L", NOW).unwrap();
    assert!(html.contains("— 3 problems:"), "{html}");
    assert!(html.contains("<li>Over budget: the steps cost 1350.00, the budget is 1000.00.</li>"), "{html}");
    assert!(html.contains("<li>Late: started at 2027-01-01T09:00:00.000Z it finishes at 2027-01-01T22:00:00.000Z, after the deadline 2027-01-01T12:00:00.000Z.</li>"), "{html}");
    // The deadline falls within the chart: drawn as a line.
    assert!(html.contains("<line class=\"deadline\""));
}

#[test]
fn a_plan_without_steps_still_makes_a_report() {
    let mut store = workspaces::launch_diamond();
    store.create_plan(Some("P-EMPTY"), "G-L", &PlanFields::titled("Nothing yet")).unwrap();
    let html = store.plan_report_html("P-EMPTY", NOW).unwrap();
    assert!(html.contains("The plan has no steps."));
    assert!(html.contains("Critical path: none"));
    assert!(!html.contains("<svg"));
    assert!(html.ends_with("</html>\n"));
}
