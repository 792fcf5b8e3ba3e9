//! The goal graph and the plan canvas end to end: building a plan by dragging actions
//! from the library and connecting steps, the layout from the core, undo, and the time
//! a 1,000-step plan takes to appear. Run by scripts/e2e.sh under Xvfb.

mod harness;

use fantoccini::actions::{InputSource, MouseActions, PointerAction, MOUSE_BUTTON_LEFT};
use harness::{big_plan_workspace, plan_graph_timing, App};
use serde_json::{json, Value};
use std::time::Duration;

fn action(key: &str, name: &str, cost: f64, duration: f64) -> Value {
    json!({ "key": key, "name": name, "cost": cost, "duration": duration })
}

fn goal(key: &str, title: &str, parent: Option<&str>, depends_on: &[&str]) -> Value {
    json!({
        "key": key, "title": title, "status": "active", "priority": 5, "kind": "hard",
        "mode": "achieve", "refinement": "and", "parent": parent, "depends_on": depends_on,
    })
}

fn workspace(goals: Vec<Value>, actions: Vec<Value>, plans: Vec<Value>) -> String {
    json!({
        "format": "mabos-planner", "version": 1, "kind": "workspace",
        "exported_at": "2026-01-01T00:00:00Z", "generator": "e2e",
        "goals": goals, "actions": actions, "plans": plans,
    })
    .to_string()
}

/// The centre of the element in viewport coordinates, once it stays put (the canvas
/// fits its view after each new drawing).
async fn centre(app: &App, css: &str) -> (f64, f64) {
    let mut last = centre_now(app, css).await;
    for _ in 0..50 {
        tokio::time::sleep(Duration::from_millis(150)).await;
        let now = centre_now(app, css).await;
        if now == last {
            return now;
        }
        last = now;
    }
    panic!("{css} keeps moving");
}

async fn centre_now(app: &App, css: &str) -> (f64, f64) {
    app.wait_for(css).await;
    let c = app
        .client
        .execute(
            "const r = document.querySelector(arguments[0]).getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2];",
            vec![css.into()],
        )
        .await
        .unwrap();
    (c[0].as_f64().unwrap(), c[1].as_f64().unwrap())
}

/// Presses at `from`, moves in several steps and releases at `to`, as a hand would.
async fn drag(app: &App, from: &str, to: &str) {
    let (fx, fy) = centre(app, from).await;
    let (tx, ty) = centre(app, to).await;
    let mut mouse = MouseActions::new("mouse".into())
        .then(PointerAction::MoveTo { duration: None, x: fx, y: fy })
        .then(PointerAction::Down { button: MOUSE_BUTTON_LEFT });
    for i in 1..=8 {
        let t = f64::from(i) / 8.0;
        mouse = mouse.then(PointerAction::MoveTo { duration: Some(Duration::from_millis(30)), x: fx + (tx - fx) * t, y: fy + (ty - fy) * t });
    }
    mouse = mouse.then(PointerAction::Up { button: MOUSE_BUTTON_LEFT });
    app.client.perform_actions(mouse).await.unwrap();
    app.client.release_actions().await.unwrap();
}

async fn wait_count(app: &App, css: &str, n: usize) {
    app.eventually(css, &n.to_string(), || async { app.count(css).await.to_string() }).await;
}

/// Every step card's box and every edge, read from the DOM, checked against the
/// layered drawing the core promises: edges point down, no two cards overlap.
async fn check_layered(app: &App, edges: usize) {
    // Once the drawing is on screen and has stopped moving.
    wait_count(app, "[data-testid=plan-graph] .react-flow__edge", edges).await;
    centre(app, "[data-testid=rf__node-S1]").await;
    let seen = app
        .client
        .execute(
            "const box = (id) => document.querySelector(`[data-testid=plan-graph] .react-flow__node[data-id=\"${id}\"]`).getBoundingClientRect();
             const nodes = [...document.querySelectorAll('[data-testid=plan-graph] .react-flow__node')].map((n) => {
               const r = n.getBoundingClientRect(); return [n.dataset.id, r.left, r.top, r.right, r.bottom]; });
             const edges = [...document.querySelectorAll('[data-testid=plan-graph] .react-flow__edge')].map((e) => {
               const [s, t] = e.dataset.id.split('->'); const a = box(s), b = box(t); return [e.dataset.id, a.bottom, b.top]; });
             return { nodes, edges };",
            vec![],
        )
        .await
        .unwrap();
    for e in seen["edges"].as_array().unwrap() {
        assert!(e[1].as_f64().unwrap() <= e[2].as_f64().unwrap(), "edge {} does not point down: {e}", e[0]);
    }
    let nodes = seen["nodes"].as_array().unwrap();
    let f = |v: &Value, i: usize| v[i].as_f64().unwrap();
    for (i, a) in nodes.iter().enumerate() {
        for b in &nodes[i + 1..] {
            let apart = f(a, 3) <= f(b, 1) || f(b, 3) <= f(a, 1) || f(a, 4) <= f(b, 2) || f(b, 4) <= f(a, 2);
            assert!(apart, "{} and {} overlap", a[0], b[0]);
        }
    }
}

#[tokio::test]
async fn a_plan_is_built_on_its_canvas() {
    let seed = workspace(
        vec![
            goal("G-1", "Open the online shop", None, &[]),
            goal("G-2", "Build the catalogue", Some("G-1"), &[]),
            goal("G-3", "Take payments", Some("G-1"), &["G-2"]),
            goal("G-4", "Launch the campaign", None, &["G-3"]),
        ],
        vec![
            action("A-DESIGN", "Design pages", 100.0, 4.0),
            action("A-BUILD", "Build the store", 300.0, 10.0),
            action("A-TEST", "Test checkout", 50.0, 2.0),
        ],
        vec![],
    );
    let app = App::start_seeded("p-plan", &seed).await;

    // The goal graph: every goal, tree and dependency edges, a click selects the goal.
    app.click("[data-testid=goals-as-graph]").await;
    wait_count(&app, "[data-testid=goal-graph] [data-testid=goal-node]", 4).await;
    wait_count(&app, "[data-testid=goal-graph] .react-flow__edge.edge-tree", 2).await;
    wait_count(&app, "[data-testid=goal-graph] .react-flow__edge.edge-dependency", 2).await;
    app.wait_for("[data-testid=goal-graph-legend]").await;
    app.click("[data-testid=goal-graph] [data-testid=goal-node][data-key=\"G-3\"]").await;
    app.wait_text("[data-testid=goal-key]", "G-3").await;
    app.screenshots("1-goal-graph").await;

    // A new plan: a bad budget is refused beside the budget, then the plan is made.
    app.click("[data-testid=nav-plans]").await;
    app.click("[data-testid=new-plan]").await;
    app.select("[data-testid=plan-goal]", "G-1").await;
    app.fill("[data-testid=plan-title]", "Launch plan").await;
    app.fill("[data-testid=plan-budget]", "plenty").await;
    app.click("[data-testid=save-plan]").await;
    app.wait_text("[data-testid=error-plan-budget]", "must be a number").await;
    app.fill("[data-testid=plan-budget]", "1000").await;
    app.click("[data-testid=save-plan]").await;
    app.wait_text("[data-testid=plan-key]", "P-1").await;

    // Four steps, each dragged from the palette onto the canvas.
    let canvas = "[data-testid=plan-graph]";
    let palette = |key: &str| format!("[data-testid=palette-action][data-key=\"{key}\"]");
    for (n, key) in ["A-DESIGN", "A-BUILD", "A-TEST", "A-DESIGN"].into_iter().enumerate() {
        drag(&app, &palette(key), canvas).await;
        wait_count(&app, "[data-testid=step-node]", n + 1).await;
    }
    // Edges, each dragged from one step's bottom handle to another's top handle.
    for (n, (before, after)) in [("S1", "S2"), ("S1", "S3"), ("S2", "S4"), ("S3", "S4")].into_iter().enumerate() {
        drag(&app, &format!("[data-testid=out-{before}]"), &format!("[data-testid=in-{after}]")).await;
        wait_count(&app, "[data-testid=plan-graph] .react-flow__edge", n + 1).await;
    }
    app.wait_text("[data-testid=plan-totals]", "4 steps · cost ¤ 550 · duration 18 h (longest path)").await;
    check_layered(&app, 4).await;

    // The critical path is marked from the core's schedule: S1 → S2 → S4 (4 + 10 + 4 h), not S3.
    let critical = || async {
        let keys = app
            .client
            .execute(
                "return [...document.querySelectorAll('[data-testid=plan-graph] [data-critical=true]')].map((n) => n.dataset.key).sort().join(' ');",
                vec![],
            )
            .await
            .unwrap();
        keys.as_str().unwrap_or_default().to_owned()
    };
    app.eventually("critical steps", "S1 S2 S4", critical).await;
    wait_count(&app, "[data-testid=plan-graph] .react-flow__edge.edge-critical", 2).await;

    // A fresh layout (edits above kept the old places) is layered too.
    let drawings = app.find("[data-testid=plan-graph]").await.attr("data-drawings").await.unwrap().unwrap();
    let next = (drawings.parse::<u32>().unwrap() + 1).to_string();
    app.click("[data-testid=relayout]").await;
    app.eventually("a new drawing", &next, || async {
        app.find("[data-testid=plan-graph]").await.attr("data-drawings").await.unwrap().unwrap_or_default()
    })
    .await;
    check_layered(&app, 4).await;

    // An edge that would close a cycle is refused on the canvas, naming the cycle.
    drag(&app, "[data-testid=out-S4]", "[data-testid=in-S1]").await;
    let refusal = app.text("[data-testid=canvas-error]").await;
    assert!(refusal.contains("would form a cycle") && refusal.contains("S1 → S2 → S4 → S1"), "{refusal}");
    assert_eq!(app.count("[data-testid=plan-graph] .react-flow__edge").await, 4);
    app.screenshots("2-plan-graph").await;

    // Adding a step is one undo step.
    drag(&app, &palette("A-TEST"), canvas).await;
    wait_count(&app, "[data-testid=step-node]", 5).await;
    app.click("[data-testid=undo]").await;
    wait_count(&app, "[data-testid=step-node]", 4).await;
    app.wait_text("[data-testid=history-notice]", "Undone: plan P-1 step added").await;

    // A selected step goes with the Delete key, its edges with it; undo brings both back.
    // The card's frame takes the focus and the key (xyflow's own node element).
    // Selected first: a click that lands while the undo's reload redraws the canvas is lost.
    for _ in 0..10 {
        app.click("[data-testid=rf__node-S4]").await;
        if app.count("[data-testid=rf__node-S4].selected").await == 1 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    app.wait_for("[data-testid=rf__node-S4].selected").await;
    app.find("[data-testid=rf__node-S4]").await.send_keys("\u{E017}").await.unwrap(); // Delete
    wait_count(&app, "[data-testid=step-node]", 3).await;
    wait_count(&app, "[data-testid=plan-graph] .react-flow__edge", 2).await;
    app.click("[data-testid=undo]").await;
    wait_count(&app, "[data-testid=step-node]", 4).await;
    wait_count(&app, "[data-testid=plan-graph] .react-flow__edge", 4).await;
    app.wait_text("[data-testid=plan-totals]", "4 steps · cost ¤ 550 · duration 18 h (longest path)").await;
    app.stop().await;
}

/// How many step cards are drawn wholly outside the plan canvas.
async fn steps_outside_the_canvas(app: &App) -> u64 {
    app.client
        .execute(
            "const c = document.querySelector('[data-testid=plan-graph]').getBoundingClientRect();
             return [...document.querySelectorAll('[data-testid=step-node]')].map((n) => n.getBoundingClientRect())
               .filter((r) => r.right < c.left || r.left > c.right || r.bottom < c.top || r.top > c.bottom).length;",
            vec![],
        )
        .await
        .unwrap()
        .as_u64()
        .unwrap()
}

/// Prints (never asserts) how long a 1,000-step plan takes from the request to the
/// first frame of its drawing: the figure in docs/performance.md.
#[tokio::test]
async fn a_thousand_step_plan_graph_is_shown() {
    let app = App::start_seeded("q-big-plan", &big_plan_workspace(1000)).await;
    // Whether the progress bar showed while the core laid the plan out.
    app.client
        .execute(
            "window.sawProgress = false;
             new MutationObserver(() => { if (document.querySelector('[data-testid=layout-progress]')) window.sawProgress = true; })
               .observe(document.body, { childList: true, subtree: true });",
            vec![],
        )
        .await
        .unwrap();
    app.click("[data-testid=nav-plans]").await;
    let [layout, render, shown] = plan_graph_timing(&app).await;
    // Too big to read fitted, the plan opens on its first steps as whole cards: the top
    // layer's first step at the canvas's top left, only the steps in view drawn.
    let drawn = app.count("[data-testid=step-node]").await;
    assert!(drawn > 0 && drawn < 100, "{drawn} of 1000 steps drawn");
    assert_eq!(steps_outside_the_canvas(&app).await, 0, "steps out of view are not drawn");
    assert_eq!(app.count("[data-testid=step-node].step-card-far").await, 0, "opened, the steps are whole cards");
    assert!(app.count("[data-testid=plan-graph] .react-flow__handle").await > 0, "whole cards have their handles");
    let corner = app
        .client
        .execute(
            "const c = document.querySelector('[data-testid=plan-graph] .react-flow__pane').getBoundingClientRect();
             const cards = [...document.querySelectorAll('[data-testid=step-node]')].map((n) => n.getBoundingClientRect());
             const top = Math.min(...cards.map((r) => r.top));
             const row = cards.filter((r) => r.top - top < 1);
             return [Math.min(...row.map((r) => r.left)) - c.left, top - c.top];",
            vec![],
        )
        .await
        .unwrap();
    let corner: Vec<f64> = corner.as_array().unwrap().iter().map(|v| v.as_f64().unwrap()).collect();
    assert!(corner.iter().all(|d| (10.0..40.0).contains(d)), "the first steps sit at the canvas's top left: {corner:?}");
    app.screenshots("opened").await;
    // Fit view: at the least zoom the plan still does not quite fit; the steps in view are
    // plain boxes without handles, and the edges between them are drawn.
    app.click("[data-testid=plan-graph] .react-flow__controls-fitview").await;
    app.eventually("steps drawn as plain boxes after Fit view", "true", || async {
        let (all, far) = (app.count("[data-testid=step-node]").await, app.count("[data-testid=step-node].step-card-far").await);
        (all > drawn && far == all).to_string()
    })
    .await;
    let fitted = app.count("[data-testid=step-node]").await;
    assert!(fitted < 1000, "{fitted} of 1000 steps drawn fitted");
    assert_eq!(steps_outside_the_canvas(&app).await, 0, "steps out of view are not drawn");
    assert_eq!(app.count("[data-testid=plan-graph] .react-flow__handle").await, 0, "plain boxes have no handles");
    assert!(app.count("[data-testid=plan-graph] .react-flow__edge").await > 0, "edges between the boxes are drawn");
    // Found and zoomed in on, a step is a whole card again, with its handles.
    app.fill("[data-testid=find-step]", "S500").await;
    app.client.execute("document.querySelector('[data-testid=find-step]').form.requestSubmit();", vec![]).await.unwrap();
    app.wait_for("[data-testid=in-S500]").await;
    assert_eq!(app.count("[data-key=S500].step-card-far").await, 0, "zoomed in, the step is a whole card");
    // The bar itself may not be painted when the layout ends within a frame: the page
    // marks the first progress report it gets.
    let saw_progress = app.client.execute("return window.sawProgress || performance.getEntriesByName('plan-graph:progress').length > 0;", vec![]).await.unwrap();
    println!("plan graph of 1000 steps: request to first frame {shown:.0} ms (layout in Rust + IPC {layout:.0} ms, render {render:.0} ms); progress bar shown: {saw_progress}");
    assert_eq!(saw_progress, json!(true), "a 1,000-node layout reports its progress");
    let totals = app.text("[data-testid=plan-totals]").await;
    // The cost's digit grouping follows the webview's locale.
    assert!(totals.replace(',', "").starts_with("1000 steps · cost ¤ 1500 · duration"), "{totals}");
    app.stop().await;
}

/// A plan of up to 100 steps opens wholly in view even where that zoom is too small to
/// read its cards: then every step is drawn as a plain box.
#[tokio::test]
async fn a_small_plan_fitted_below_the_readable_zoom_is_drawn_as_plain_boxes() {
    let app = App::start_seeded("q-sixty-steps", &big_plan_workspace(60)).await;
    app.click("[data-testid=nav-plans]").await;
    app.eventually("all 60 steps drawn", "60", || async { app.count("[data-testid=step-node]").await.to_string() }).await;
    assert_eq!(app.count("[data-testid=step-node].step-card-far").await, 60, "fitted below the readable zoom, every step is a plain box");
    assert_eq!(steps_outside_the_canvas(&app).await, 0, "the plan is wholly in view");
    app.stop().await;
}
