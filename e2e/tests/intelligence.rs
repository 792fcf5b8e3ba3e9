//! The planning intelligence in the app, end to end on the demo workspace: synthesise a
//! plan, check it, run it (start, auto-assign, finish every task) until its goal is
//! achieved; decompose a goal with its HTN methods; the methods editor's refusals.
//! Run by scripts/e2e.sh under Xvfb.

mod harness;

use harness::{gripper_problem, App};
use std::time::{Duration, Instant};

const TREE: &str = "[data-testid=goal-tree]";

async fn load_demo(app: &App) {
    app.click("[data-testid=load-demo]").await;
    app.wait_for(&format!("{TREE} [data-key=\"G-REV\"]")).await;
}

/// Waits until the element's text contains `needle`; returns the whole text.
async fn wait_contains(app: &App, css: &str, needle: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let text = app.text(css).await;
        if text.contains(needle) {
            return text;
        }
        if Instant::now() >= deadline {
            app.failure_screenshot().await;
            panic!("{css}: expected text containing {needle:?}, still {text:?}");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Opens the planning drawer of a goal on one of its tabs.
async fn plan_goal(app: &App, goal: &str, tab: &str) {
    app.click("[data-testid=nav-goals]").await;
    app.open_goal(goal).await;
    app.click("[data-testid=plan-goal]").await;
    app.click(&format!("[data-testid=tab-{tab}]")).await;
}

#[tokio::test]
async fn a_synthesised_plan_runs_until_its_goal_is_achieved() {
    let app = App::start("i-run").await;
    load_demo(&app).await;

    // Synthesis: A* finds the cheapest plan, greedy a dearer one.
    plan_goal(&app, "G-EXPRESS", "synthesize").await;
    app.click("[data-testid=synth-run]").await;
    wait_contains(&app, "[data-testid=synth-summary]", "Plan found by A*: 5 steps, cost 4000").await;
    app.select("[data-testid=synth-mode]", "greedy").await;
    app.click("[data-testid=synth-run]").await;
    wait_contains(&app, "[data-testid=synth-summary]", "Plan found by greedy search: 1 step, cost 9000").await;
    app.select("[data-testid=synth-mode]", "optimal").await;
    app.click("[data-testid=synth-run]").await;
    wait_contains(&app, "[data-testid=synth-summary]", "cost 4000").await;
    app.screenshots("1-synthesis").await;
    app.click("[data-testid=synth-save]").await;
    let saved = wait_contains(&app, "[data-testid=synth-saved]", "Saved as draft plan ").await;
    let plan = saved.trim_start_matches("Saved as draft plan ").trim_end_matches('.').to_owned();
    app.click("[data-testid=planning-close]").await;
    app.wait_gone("[data-testid=goal-planning]").await;

    // The saved plan is valid; its critical path runs through four of its five steps.
    app.click("[data-testid=nav-plans]").await;
    app.click(&format!("[data-testid=plan-list] [data-key=\"{plan}\"]")).await;
    app.wait_text("[data-testid=plan-key]", &plan).await;
    app.click("[data-testid=plan-checks-fold] > summary").await;
    app.wait_text("[data-testid=plan-verdict]", "Valid").await;
    wait_contains(&app, "[data-testid=critical-summary]", "total cost 4000").await;
    app.client.execute("document.querySelector('[data-testid=plan-checks]').scrollIntoView();", vec![]).await.unwrap();
    app.screenshots("2-plan-checks").await;

    // Start it from the monitor, then auto-assign a round.
    app.click("[data-testid=nav-monitor]").await;
    app.click(&format!("[data-testid=start-{plan}]")).await;
    app.wait_for(&format!("[data-testid=active-plans] [data-plan=\"{plan}\"]")).await;
    app.click("[data-testid=auto-assign]").await;
    app.wait_for("[data-testid=assign-preview] tbody tr").await;
    assert!(app.count("[data-testid=assign-preview] tbody tr").await >= 1);
    wait_contains(&app, "[data-testid=assign-total]", "Total score").await;
    app.screenshots("3-auto-assign").await;
    app.click("[data-testid=assign-apply]").await;
    app.wait_gone("[data-testid=assign-dialog]").await;

    // Finish the plan's ready tasks one by one until none is left.
    let ready = format!("[data-testid=ready-tasks] li[data-plan=\"{plan}\"]");
    for _ in 0..5 {
        app.wait_for(&ready).await;
        let task = app.find(&ready).await.attr("data-task").await.unwrap().expect("a ready task has a key");
        app.click(&format!("[data-testid=done-{task}]")).await;
        app.wait_gone(&format!("[data-testid=ready-tasks] li[data-task=\"{task}\"]")).await;
    }
    app.wait_gone(&format!("[data-testid=active-plans] [data-plan=\"{plan}\"]")).await;
    app.wait_gone(&ready).await;
    let goal = "[data-testid=goal-progress] li[data-goal=\"G-EXPRESS\"]";
    app.wait_text(&format!("{goal} .badge"), "Achieved").await;
    app.wait_text(&format!("{goal} .progress-label"), "100%").await;
    // The last effects are in the recorded world state.
    app.wait_text("[data-testid=world-facts] tr[data-fact=\"delivery.sla_hours\"] td:nth-child(2)", "20").await;
    app.client.execute("document.querySelector('[data-testid=goal-progress]').scrollIntoView({ block: 'center' });", vec![]).await.unwrap();
    app.screenshots("4-monitor").await;
    app.stop().await;
}

#[tokio::test]
async fn a_goal_decomposes_with_its_methods_and_the_editor_shows_refusals() {
    let app = App::start("j-htn").await;
    load_demo(&app).await;

    plan_goal(&app, "G-SHOP", "decompose").await;
    app.click("[data-testid=decompose-run]").await;
    app.wait_text("[data-testid=chosen-G-SHOP]", "M-SHOP").await;
    app.wait_text("[data-testid=chosen-G-CATALOG]", "M-CATALOG").await;
    app.wait_text("[data-testid=chosen-G-PAY]", "M-PAY").await;
    wait_contains(&app, "[data-testid=skipped-M-CATALOG-QUICK]", "site.built = true fails (site.built is absent)").await;
    wait_contains(&app, "[data-testid=decompose-result]", "10 actions").await;
    app.screenshots("1-decompose").await;

    // The methods editor: a priority out of range is refused beside the field, and
    // nothing changes.
    app.click("[data-testid=tab-methods]").await;
    app.click("[data-testid=method-edit-M-SHOP]").await;
    app.fill("#method-priority", "11").await;
    app.click("[data-testid=method-save]").await;
    app.wait_text("[data-testid=error-method-priority]", "must be between 1 and 10, not 11").await;
    app.screenshots("2-methods-editor").await;
    app.click("[data-testid=method-form] .modal-actions button:first-child").await;
    // The card is back once the form closed (polled by text: the form's nodes go stale).
    app.wait_for("[data-testid=method-M-SHOP] .badge.priority").await;
    let priority = app.text("[data-testid=method-M-SHOP] .badge.priority").await;
    assert_ne!(priority, "P11", "a refused edit changes nothing");

    // A new method, saved as one step, listed with its subtasks.
    app.click("[data-testid=method-new]").await;
    app.fill("#method-name", "Buy a hosted shop").await;
    app.click("[data-testid=subtasks-add]").await;
    app.click("[data-testid=method-save]").await;
    wait_contains(&app, "[data-testid=methods-editor]", "Buy a hosted shop").await;
    app.stop().await;
}


#[tokio::test]
async fn pddl_imports_from_the_toolbar_and_a_long_synthesis_leaves_the_window_working_until_cancelled() {
    let app = App::start("k-long-synthesis").await;
    let pddl = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/data/pddl");

    // A domain the importer does not read is refused naming the requirement; nothing changes.
    app.answer_dialog(Some(&pddl.join("refused-adl.pddl")));
    app.answer_dialog(Some(&pddl.join("gripper-problem.pddl")));
    app.click("[data-testid=import-pddl]").await;
    app.wait_for("[data-testid=file-panel][data-phase=failed]").await;
    wait_contains(&app, "[data-testid=file-problems]", "requirement :adl is not supported").await;
    assert_eq!(app.invoke("workspace_is_empty", serde_json::json!({})).await, Ok(serde_json::json!(true)));
    // Cancelling the second dialog imports nothing either.
    app.answer_dialog(Some(&pddl.join("gripper-domain.pddl")));
    app.answer_dialog(None);
    assert_eq!(app.invoke("import_pddl", serde_json::json!({})).await, Ok(serde_json::Value::Null));

    // Gripper with 14 balls: 116 ground actions and one goal, in one undoable gesture.
    let problem = app.scratch().join("gripper-14.pddl");
    std::fs::write(&problem, gripper_problem(14)).unwrap();
    app.answer_dialog(Some(&pddl.join("gripper-domain.pddl")));
    app.answer_dialog(Some(&problem));
    app.click("[data-testid=import-pddl]").await;
    wait_contains(&app, "[data-testid=file-done]", "1 goal, 116 actions").await;
    app.click("[data-testid=file-panel-close]").await;

    // A search with room for minutes: the bar moves while it runs.
    plan_goal(&app, "gripper-14", "synthesize").await;
    app.fill("[data-testid=synth-max-nodes]", "50000000").await;
    app.fill("[data-testid=synth-time-limit]", "600000").await;
    app.click("[data-testid=synth-run]").await;
    wait_contains(&app, "[data-testid=synth-progress-text]", "states expanded").await;
    app.eventually("the search's progress", "more than 0 states", || async {
        let text = app.text("[data-testid=synth-progress-text]").await;
        if text.starts_with("0 states") { text } else { "more than 0 states".to_owned() }
    })
    .await;

    // Meanwhile every other command answers: the search does not hold the database.
    let started = Instant::now();
    for _ in 0..20 {
        let tree = app.invoke("goal_tree", serde_json::json!({})).await.expect("goal_tree answers during a search");
        assert!(tree.to_string().contains("gripper-14"));
    }
    let twenty = started.elapsed();
    app.wait_for("[data-testid=synth-cancel]").await;
    eprintln!("20 goal_tree round trips during the search: {twenty:?}");
    app.screenshots("1-searching").await;

    // Cancel stops it at once and says so; nothing was saved.
    app.click("[data-testid=synth-cancel]").await;
    wait_contains(&app, "[data-testid=synth-summary]", "Cancelled before a plan was found").await;
    app.wait_gone("[data-testid=synth-progress]").await;
    assert_eq!(app.invoke("cancel_synthesis", serde_json::json!({})).await, Ok(serde_json::json!(false)), "nothing runs any more");
    assert_eq!(app.count("[data-testid=synth-save]").await, 0);
    app.screenshots("2-cancelled").await;
    app.stop().await;
}
