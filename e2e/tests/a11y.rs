//! Accessibility: axe-core (ui/node_modules/axe-core, a dev dependency of the UI) runs in
//! the real page on every view, light and dark, on the demo workspace; no serious or
//! critical violation may be found. Run by scripts/e2e.sh under Xvfb.

mod harness;

use harness::App;

/// The views of the sidebar, each with an element that shows it has loaded.
const VIEWS: [(&str, &str); 8] = [
    ("goals", "[data-testid=goal-tree]"),
    ("plans", "[data-testid=plan-list]"),
    ("actions", "[data-testid^=action-A-]"),
    ("agents", "[data-testid=nav-agents]"),
    ("tasks", "[data-testid=task-board]"),
    ("timeline", "[data-testid=timeline-body]"),
    ("monitor", "[data-testid=monitor]"),
    ("broker", "[data-testid=broker-status]"),
];

/// The serious and critical violations axe finds in the page now, one line each.
async fn violations(app: &App) -> Vec<String> {
    let axe = std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/node_modules/axe-core/axe.min.js"))
        .expect("axe-core is installed with the UI's packages (npm ci in ui/)");
    let found = app
        .client
        .execute_async(
            &format!(
                "{axe}\n;const done = arguments[arguments.length - 1];
                 axe.run(document, {{ resultTypes: ['violations'] }}).then(
                   (r) => done(r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
                     .map((v) => v.impact + ' ' + v.id + ': ' + v.help + ' — ' + v.nodes.slice(0, 5).map((n) => n.target.join(' ') + ' [' + ((n.any[0] || {{}}).message || '').slice(0, 160) + ']').join(' | '))),
                   (e) => done(['axe failed: ' + e]));"
            ),
            vec![],
        )
        .await
        .expect("axe runs in the page");
    found.as_array().unwrap().iter().map(|v| v.as_str().unwrap_or_default().to_owned()).collect()
}

#[tokio::test]
async fn every_view_has_no_serious_or_critical_accessibility_violation_in_light_and_dark() {
    let app = App::start("a11y").await;
    app.click("[data-testid=load-demo]").await;
    app.wait_for("[data-testid=goal-tree]").await;
    let mut all = Vec::new();
    for theme in ["light", "dark"] {
        app.select("[data-testid=theme]", theme).await;
        for (view, ready) in VIEWS {
            app.click(&format!("[data-testid=nav-{view}]")).await;
            app.wait_for(ready).await;
            for v in violations(&app).await {
                all.push(format!("{view} ({theme}): {v}"));
            }
        }
    }
    app.stop().await;
    assert!(all.is_empty(), "{} violations:\n{}", all.len(), all.join("\n"));
}

/// Selected cards, the notice of a bulk drop and the goals' bulk-edit panel (with a
/// refusal shown) pass too, light and dark.
#[tokio::test]
async fn selections_and_the_bulk_panels_have_no_serious_or_critical_violation() {
    let app = App::start("a11y-bulk").await;
    app.click("[data-testid=load-demo]").await;
    app.wait_for("[data-testid=goal-tree]").await;
    let mut all = Vec::new();
    let mut check = async |what: &str| {
        for theme in ["light", "dark"] {
            app.select("[data-testid=theme]", theme).await;
            for v in violations(&app).await {
                all.push(format!("{what} ({theme}): {v}"));
            }
        }
    };
    app.click("[data-testid=nav-tasks]").await;
    for key in ["T-5", "T-8", "T-9"] {
        app.click_holding(&format!("[data-testid=task-{key}]"), harness::CTRL).await;
    }
    app.wait_text("[data-testid=board-selection-status]", "3 tasks selected").await;
    check("selected cards").await;
    app.drag("[data-testid=task-T-9]", "[data-testid=lane-AG-2]").await;
    app.wait_for("[data-testid=bulk-refused-T-9]").await;
    check("the board after a bulk drop").await;
    app.click("[data-testid=nav-goals]").await;
    app.open_goal("G-SHOP").await;
    app.click_holding("[data-testid=goal-tree] [data-key=\"G-SITE\"]", harness::SHIFT).await;
    app.select("[data-testid=bulk-status]", "active").await;
    app.click("[data-testid=bulk-apply]").await;
    app.wait_for("[data-testid=error-bulk-status]").await;
    check("the goal bulk panel").await;
    app.stop().await;
    assert!(all.is_empty(), "{} violations:\n{}", all.len(), all.join("\n"));
}
