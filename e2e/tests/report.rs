//! A plan's HTML report end to end: exported from the Plans view of the real app (the
//! native save dialog answered through MABOS_PLANNER_DIALOG_ANSWERS), found on disk, then
//! opened from that file in the browser engine and checked as a reader sees it: the plan
//! graph with a box per step, the Gantt bars, the verdict, the tasks with their agents.
//! Also through Ctrl+K. Screenshots of the rendered report, light and dark.

mod harness;

use harness::{run_cli, App, CTRL, RELEASE};
use serde_json::Value;
use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

const ENTER: &str = "\u{E007}";

/// P-STORE of the demo workspace is running: S1 and S2 are done, S3 and S4 under way.
const STEPS: [&str; 10] = ["S1", "S2", "S3", "S4", "S5", "S6", "S7", "S8", "S9", "S10"];
const CRITICAL_PATH: &str = "S1 → S4 → S7 → S8 → S9 → S10";

#[tokio::test]
async fn a_running_plan_s_report_is_saved_from_the_plans_view_and_shows_in_a_browser() {
    let app = App::start_seeded("plan-report", &running_store()).await;
    app.wait_for("[data-testid=goal-tree]").await;
    app.click("[data-testid=nav-plans]").await;
    app.click("[data-testid=plan-list] [data-key=\"P-STORE\"]").await;
    app.wait_text("[data-testid=plan-key]", "P-STORE").await;

    // Saved where the native dialog says; the file panel reports it.
    let path = app.scratch().join("p-store-report.html");
    app.answer_dialog(Some(&path));
    app.click("[data-testid=export-plan-report]").await;
    app.wait_for("[data-testid=file-panel][data-phase=done]").await;
    app.eventually("the panel names the file", "true", || async { app.text("[data-testid=file-done]").await.contains("p-store-report.html").to_string() })
        .await;
    let html = std::fs::read_to_string(&path).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    for step in STEPS {
        assert!(html.contains(&format!(" data-step=\"{step}\"")), "{step} is in the report");
    }
    assert!(html.contains(&format!("Critical path: {CRITICAL_PATH}")), "the critical path");
    assert!(!html.contains("http") && !html.contains("<script"), "the file stands alone");

    // Escape closes the export dialog, writing nothing.
    app.click("[data-testid=export-json]").await;
    app.wait_for("[data-testid=export-dialog] [data-testid=export-what]").await.send_keys("\u{E00C}").await.unwrap();
    app.wait_gone("[data-testid=export-dialog]").await;

    // Through Ctrl+K: the plan is asked for, then the file.
    let second = app.scratch().join("from-the-palette.html");
    app.wait_for("[data-testid=export-plan-report]").await.send_keys(&format!("{CTRL}k{RELEASE}")).await.unwrap();
    app.wait_for("[data-testid=search-input]").await.send_keys("html report").await.unwrap();
    app.wait_for("[data-testid=\"command-export.plan-report\"][aria-selected=true]").await;
    app.wait_for("[data-testid=search-input]").await.send_keys(ENTER).await.unwrap();
    app.wait_for("[data-testid=export-dialog]").await;
    app.select("[data-testid=export-what]", "P-STORE").await;
    app.answer_dialog(Some(&second));
    app.click("[data-testid=export-choose-file]").await;
    app.eventually("the palette's export is written", "true", || async { second.exists().to_string() }).await;

    // Opened from the file in the browser engine, as whoever receives it would.
    open_file(&app, &path).await;
    let page = app
        .client
        .execute(
            r#"
            const box = (e) => { const r = e.getBoundingClientRect(); return [r.width, r.height]; };
            const nodes = [...document.querySelectorAll('svg.plan-graph g.node')];
            const critical = document.querySelector('svg.plan-graph g.node.critical rect');
            const plain = document.querySelector('svg.plan-graph g.node:not(.critical) rect');
            return {
              nodes: nodes.map((g) => [g.dataset.step, ...box(g)]),
              edges: document.querySelectorAll('svg.plan-graph path.edge').length,
              arrows: [...document.querySelectorAll('svg.plan-graph path.edge')].filter((p) => getComputedStyle(p).markerEnd.includes('arrow')).length,
              criticalStroke: getComputedStyle(critical).stroke,
              plainStroke: getComputedStyle(plain).stroke,
              bars: [...document.querySelectorAll('svg.gantt rect.bar')].map(box),
              criticalBars: document.querySelectorAll('svg.gantt rect.bar.critical').length,
              actual: document.querySelectorAll('svg.gantt rect.actual').length,
              now: document.querySelectorAll('svg.gantt line.now').length,
              verdict: document.querySelector('#validation .verdict').innerText,
              verdictBox: box(document.querySelector('#validation .verdict')),
              path: document.querySelector('.critical-path').innerText,
              agents: [...document.querySelectorAll('table.tasks tr[data-task] td.agent')].map((td) => td.innerText),
              steps: document.querySelectorAll('table.steps tr[data-step]').length,
              fetched: performance.getEntriesByType('resource').length,
            };
            "#,
            vec![],
        )
        .await
        .unwrap();
    let nodes = page["nodes"].as_array().unwrap();
    assert_eq!(nodes.len(), STEPS.len(), "one box per step: {nodes:?}");
    for step in STEPS {
        let node = nodes.iter().find(|n| n[0] == step).unwrap_or_else(|| panic!("{step} is drawn"));
        assert!(node[1].as_f64().unwrap() > 0.0 && node[2].as_f64().unwrap() > 0.0, "{step} has a box: {node:?}");
    }
    assert_eq!(page["edges"], 10, "every precedence edge");
    assert_eq!(page["arrows"], 10, "every edge ends in an arrowhead");
    assert_ne!(page["criticalStroke"], page["plainStroke"], "critical steps stand out (the stylesheet applies)");
    let bars = page["bars"].as_array().unwrap();
    assert_eq!(bars.len(), STEPS.len());
    assert!(bars.iter().all(|b| b[0].as_f64().unwrap() > 0.0 && b[1].as_f64().unwrap() > 0.0), "{bars:?}");
    assert_eq!(page["criticalBars"], 6);
    assert!(page["actual"].as_u64().unwrap() >= 2, "what the done and running tasks did");
    assert_eq!(page["now"], 1);
    let verdict = page["verdict"].as_str().unwrap();
    assert!(verdict.starts_with("Valid") || verdict.starts_with("Not valid"), "{verdict}");
    assert!(page["verdictBox"][1].as_f64().unwrap() > 0.0);
    assert_eq!(page["path"], format!("Critical path: {CRITICAL_PATH}"));
    assert_eq!(page["steps"], STEPS.len());
    let agents: Vec<&str> = page["agents"].as_array().unwrap().iter().map(|a| a.as_str().unwrap()).collect();
    assert!(agents.len() >= STEPS.len(), "every task of the plan: {agents:?}");
    assert!(agents.iter().filter(|a| a.starts_with("AG-")).count() >= 3, "the agents, by key and name: {agents:?}");
    assert_eq!(page["fetched"], 0, "nothing fetched from anywhere");

    screenshots(&app, "plan-report", None).await;
    screenshots(&app, "plan-report-timeline", Some("#timeline")).await;
    app.stop().await;
}

/// Navigates the app's own WebDriver session to the file.
async fn open_file(app: &App, path: &Path) {
    let url = format!("file://{}", path.display());
    app.client.goto(&url).await.unwrap_or_else(|e| panic!("the browser engine opens {url}: {e}"));
    app.wait_for("svg.plan-graph").await;
    assert_eq!(app.client.current_url().await.unwrap().scheme(), "file");
}

/// `docs/screenshots/<name>-light.png` and `-dark.png` of the report (scrolled to
/// `anchor` when given), the colours forced the way the report allows (`<html class>`).
async fn screenshots(app: &App, name: &str, anchor: Option<&str>) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().join("docs").join("screenshots");
    for theme in ["light", "dark"] {
        let script = "document.documentElement.className = arguments[0];
             if (arguments[1]) document.querySelector(arguments[1]).scrollIntoView(); else window.scrollTo(0, 0);";
        let anchor = anchor.map_or(Value::Null, Value::from);
        app.client.execute(script, vec![theme.into(), anchor]).await.unwrap();
        tokio::time::sleep(Duration::from_millis(700)).await;
        let png = app.client.screenshot().await.unwrap();
        std::fs::write(dir.join(format!("{name}-{theme}.png")), png).unwrap();
    }
}

/// The demo workspace after an assignment round, with P-STORE started two days ago: S1
/// took 26 hours (2 more than planned), S2 13, S3 and S4 have been under way for 30 and
/// 24 hours.
fn running_store() -> String {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    run_cli(&db, &["demo"]);
    run_cli(&db, &["assign"]);
    let mut doc: Value = serde_json::from_str(&run_cli(&db, &["export", "workspace"])).unwrap();
    // (task, started, completed), in hours ago.
    let times: [(&str, f64, Option<f64>); 4] = [("T-1", 50.0, Some(24.0)), ("T-2", 49.0, Some(36.0)), ("T-3", 30.0, None), ("T-4", 24.0, None)];
    for task in doc["tasks"].as_array_mut().unwrap() {
        if task["step"]["plan"] != "P-STORE" {
            continue;
        }
        task["created_at"] = hours_ago(50.0).into();
        if let Some((_, started, completed)) = times.iter().find(|(key, ..)| task["key"] == *key) {
            task["started_at"] = hours_ago(*started).into();
            task["completed_at"] = completed.map_or(Value::Null, |c| hours_ago(c).into());
        }
    }
    doc.to_string()
}

/// The time `hours` before now, in RFC 3339 UTC.
fn hours_ago(hours: f64) -> String {
    let secs = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs() as i64 - (hours * 3600.0) as i64;
    let (days, rest) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Civil from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z", rest / 3600, rest % 3600 / 60, rest % 60)
}
