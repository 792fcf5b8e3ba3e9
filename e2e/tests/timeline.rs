//! The Timeline view in the real window: a running plan's Gantt chart (planned bars at
//! their earliest start, slack after them, the critical path in the accent colour, one
//! arrow per edge, what ran and what is expected, the now line), zoom from hours to weeks,
//! a task finished elsewhere redrawn without a click, the agents' lanes with overload,
//! and the chart saved as SVG and PNG through the save dialog. Run by scripts/e2e.sh.

mod harness;

use harness::App;

/// The demo's running plan, P-STORE: ten steps, S1 → S4 → S7 → S8 → S9 → S10 critical.
const CRITICAL: [&str; 6] = ["S1", "S4", "S7", "S8", "S9", "S10"];

/// `x`, `width` of the first rect of each bar of `kind`, by its row.
async fn bars(app: &App, kind: &str) -> Vec<(String, f64, f64)> {
    let found = app
        .client
        .execute(
            "return [...document.querySelectorAll(`[data-testid=timeline-body] g[data-kind=${arguments[0]}]`)].map((g) => {
               const r = g.querySelector('rect');
               const row = Math.round(g.parentElement.transform.baseVal[0].matrix.f / 36);
               return [document.querySelectorAll('.tl-label')[row].dataset.row, r.x.baseVal.value, r.width.baseVal.value];
             });",
            vec![serde_json::json!(kind)],
        )
        .await
        .unwrap();
    serde_json::from_value(found).unwrap()
}

fn bar<'a>(bars: &'a [(String, f64, f64)], row: &str) -> &'a (String, f64, f64) {
    bars.iter().find(|b| b.0 == row).unwrap_or_else(|| panic!("no bar on row {row}: {bars:?}"))
}

#[tokio::test]
async fn a_running_plan_and_the_agents_work_show_over_time() {
    let app = App::start_demo("timeline").await;
    app.click("[data-testid=nav-timeline]").await;
    app.wait_for("[data-testid=timeline-body]").await;

    // The running plan comes first: a row per step, its critical path in the accent.
    assert_eq!(app.value("[data-testid=timeline-plan-choice]").await, "P-STORE");
    app.eventually("step rows", "10", || async { app.count(".tl-label").await.to_string() }).await;
    let critical = bars(&app, "critical").await;
    let mut critical_rows: Vec<&str> = critical.iter().map(|b| b.0.as_str()).collect();
    critical_rows.sort_by_key(|k| k[1..].parse::<u32>().unwrap());
    assert_eq!(critical_rows, CRITICAL);
    assert_eq!(bars(&app, "planned").await.len(), 4, "the steps with slack");
    let accent = app.client.execute("return getComputedStyle(document.querySelector('g[data-kind=critical] rect')).fill === getComputedStyle(document.documentElement).getPropertyValue('--accent').trim() || getComputedStyle(document.querySelector('g[data-kind=critical] rect')).fill;", vec![]).await.unwrap();
    assert!(accent == serde_json::json!(true) || accent.as_str().is_some_and(|c| c.starts_with("rgb")), "critical bars are filled: {accent}");

    // At "Days" (6 px an hour) S4 starts where S1 (24 h) ends, its slack-free successor S7
    // where S4 (60 h) ends; S2 (12 h) has 94 h of slack drawn after it.
    app.click("[data-testid=timeline-zoom-days]").await;
    let critical = bars(&app, "critical").await;
    let (s1, s4, s7) = (bar(&critical, "S1"), bar(&critical, "S4"), bar(&critical, "S7"));
    assert!((s1.2 - 24.0 * 6.0).abs() < 0.5, "S1 lasts 24 h: {s1:?}");
    assert!((s4.1 - (s1.1 + s1.2)).abs() < 0.5, "S4 starts as S1 ends: {s1:?} {s4:?}");
    assert!((s7.1 - (s4.1 + s4.2)).abs() < 0.5, "S7 starts as S4 ends: {s4:?} {s7:?}");
    let slack = bars(&app, "slack").await;
    let s2 = bar(&slack, "S2");
    assert!((s2.2 - 94.0 * 6.0).abs() < 0.5, "S2 may slip 94 h: {s2:?}");
    assert_eq!(app.count("[data-testid=timeline-body] path.tl-arrow").await, 10, "one arrow per edge");
    assert_eq!(app.count("[data-testid=timeline-body] path.tl-arrow.critical").await, 5);
    // The plan runs: each step also shows its task, and the now line is drawn.
    assert_eq!(bars(&app, "run").await.len(), 10);
    assert_eq!(app.count("[data-testid=timeline-body] [data-marker=now]").await, 1);
    assert!(app.text("[data-testid=timeline-summary]").await.starts_with("Critical path 5 d 18 h; expected to finish"));
    app.screenshots("plan").await;

    // Zoom from weeks to hours: the same step eight times longer than at days, 48 times
    // longer than at weeks; the toolbar says which level is on.
    app.click("[data-testid=timeline-zoom-weeks]").await;
    let weeks = bar(&bars(&app, "critical").await, "S1").2;
    app.click("[data-testid=timeline-zoom-hours]").await;
    let hours = bar(&bars(&app, "critical").await, "S1").2;
    assert!((weeks - 24.0).abs() < 0.5 && (hours - 24.0 * 48.0).abs() < 0.5, "S1 at weeks {weeks} px, at hours {hours} px");
    assert_eq!(app.find("[data-testid=timeline-zoom-hours]").await.attr("aria-pressed").await.unwrap().as_deref(), Some("true"));
    app.click("[data-testid=timeline-zoom-out]").await;
    assert_eq!(app.find("[data-testid=timeline-zoom-hours]").await.attr("aria-pressed").await.unwrap().as_deref(), Some("true"), "one step out stays nearest to hours");
    app.click("[data-testid=timeline-zoom-days]").await;

    // Another process finishes S3's task: its bar turns done without a click.
    let run_status = || async {
        let s = app.client.execute("const g = [...document.querySelectorAll('g[data-kind=run]')].find((g) => g.dataset.task === 'T-3'); return g ? g.dataset.status : null;", vec![]).await.unwrap();
        s.as_str().unwrap_or_default().to_owned()
    };
    assert_eq!(run_status().await, "in_progress");
    app.cli(&["task-done", "T-3"]);
    app.eventually("T-3 on the timeline", "done", run_status).await;

    // The plan as an SVG file: a standalone drawing with the step labels in it.
    let svg = app.scratch().join("timeline.svg");
    app.answer_dialog(Some(&svg));
    app.click("[data-testid=timeline-export-svg]").await;
    app.wait_text("[data-testid=timeline-export-status]", &format!("Saved {}", svg.display())).await;
    let drawing = std::fs::read_to_string(&svg).unwrap();
    assert!(drawing.starts_with("<svg") && drawing.contains("xmlns=\"http://www.w3.org/2000/svg\""), "{}", &drawing[..drawing.len().min(200)]);
    assert!(drawing.contains(">S10<") && drawing.contains(">A-MONITOR<"), "row labels are in the file");
    assert!(!drawing.contains("var(--"), "colours are resolved, not the page's variables");
    assert!(drawing.contains("id=\"tl-arrowhead\"") && drawing.contains("url(#tl-arrowhead-critical)"), "the arrowheads travel with the drawing");

    // The agents' lanes: one row per active agent and one for unassigned work; Haven's
    // ticket backlog is past its deadline, shaded and named.
    app.click("[data-testid=timeline-agents]").await;
    app.eventually("lanes", "11", || async { app.count(".tl-label").await.to_string() }).await;
    assert_eq!(app.text(".tl-label[data-row=AG-1] .tl-label-detail").await, "AG-1 · 60 / 80 h");
    assert_eq!(app.count("[data-testid=timeline-body] rect[data-overload=AG-6]").await, 1);
    assert!(app.find(".tl-label[data-row=AG-6]").await.attr("class").await.unwrap().unwrap().contains("warn"));
    let late = app.client.execute("return [...document.querySelectorAll('g.tl-task.late')].map((g) => g.dataset.task);", vec![]).await.unwrap();
    assert_eq!(late, serde_json::json!(["T-21"]));
    assert!(app.text("[data-testid=timeline-summary]").await.contains("1 overloaded"));
    app.screenshots("agents").await;

    // As a PNG: a real image twice the chart's size.
    let png = app.scratch().join("lanes.png");
    app.answer_dialog(Some(&png));
    app.click("[data-testid=timeline-export-png]").await;
    app.wait_text("[data-testid=timeline-export-status]", &format!("Saved {}", png.display())).await;
    let bytes = std::fs::read(&png).unwrap();
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    let width = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
    let chart = app.client.execute("return 200 + document.querySelector('[data-testid=timeline-body]').width.baseVal.value;", vec![]).await.unwrap();
    assert!((f64::from(width) - 2.0 * chart.as_f64().unwrap()).abs() <= 2.0, "PNG {width} px wide for a {chart} px chart");

    // A bar with a task opens it on the board.
    app.click("g.tl-task[data-task=T-7] rect").await;
    app.wait_for("[data-testid=task-board]").await;
    assert_eq!(app.find("[data-testid=nav-tasks]").await.attr("aria-current").await.unwrap().as_deref(), Some("page"));
    app.stop().await;
}
