//! Many at once, end to end on the real app: cards selected with Ctrl-click, Shift-click
//! and a box, dragged onto an agent in one drop (the refused named with the capability
//! they need), undone in one step; goals selected with Shift-click and edited together,
//! checked through the CLI; steps selected with a Shift-drag box on the plan canvas and
//! removed in one step. Run by scripts/e2e.sh under Xvfb.

mod harness;

use fantoccini::actions::{InputSource, MouseActions, PointerAction, MOUSE_BUTTON_LEFT};
use harness::{carry_onto, lift, App, CTRL, RELEASE, SHIFT};
use serde_json::Value;
use std::time::Duration;

const UNASSIGNED: &str = "[data-testid=lane-unassigned]";

async fn demo(name: &'static str) -> App {
    let app = App::start(name).await;
    app.click("[data-testid=load-demo]").await;
    app.wait_for("[data-testid=goal-tree]").await;
    app
}

/// The field `field` of the entity `key` in the list `list` of a workspace export.
fn field<'a>(doc: &'a Value, list: &str, key: &str, field: &str) -> &'a Value {
    let entity = doc[list].as_array().unwrap().iter().find(|e| e["key"] == key).unwrap_or_else(|| panic!("no {key} in {list}"));
    &entity[field]
}

fn card(key: &str) -> String {
    format!("[data-testid=task-{key}]")
}

#[tokio::test]
async fn several_cards_go_onto_an_agent_in_one_drop() {
    let app = demo("bulk-board").await;
    app.click("[data-testid=nav-tasks]").await;
    app.wait_for(&format!("{UNASSIGNED} {}", card("T-9"))).await;
    let before = app.workspace_json();
    let assignments_before = assignment_events(&app);

    // Ctrl-click three unassigned cards: Load the catalogue (web-dev 2), end-to-end QA
    // (web-dev 3) and Deploy to production (devops 3).
    for key in ["T-5", "T-8", "T-9"] {
        app.click_holding(&card(key), CTRL).await;
    }
    app.wait_text("[data-testid=board-selection-status]", "3 tasks selected").await;
    assert_eq!(app.count("[data-testid=task-board] .task.selected").await, 3);
    // Ctrl-click again takes one out, and back in.
    app.click_holding(&card("T-8"), CTRL).await;
    app.wait_text("[data-testid=board-selection-status]", "2 tasks selected").await;
    app.click_holding(&card("T-8"), CTRL).await;
    app.wait_text("[data-testid=board-selection-status]", "3 tasks selected").await;
    app.client.execute("document.querySelector('[data-testid=task-board]').scrollTo(0, 0);", vec![]).await.unwrap();
    app.screenshots("1-selected").await;

    // Dragged onto Beacon (payments 5, web-dev 3, compliance 3), which takes both web-dev
    // tasks; it has no devops, so Deploy to production stays, named with what it needs.
    let source = app.wait_for(&card("T-9")).await;
    let target = app.wait_for("[data-testid=lane-AG-2]").await;
    // Lifted past the activation distance, the card under the pointer says what it carries.
    app.client.perform_actions(lift(&source)).await.unwrap();
    app.wait_text("[data-testid=drag-count]", "3 tasks").await;
    let drop = carry_onto(MouseActions::new("mouse".into()), &target);
    app.client.perform_actions(drop.then(PointerAction::Up { button: MOUSE_BUTTON_LEFT })).await.unwrap();
    app.client.release_actions().await.unwrap();
    app.wait_text("[data-testid=bulk-notice] strong", "2 tasks assigned to AG-2; 1 task stays where it was").await;
    let refused = app.text("[data-testid=bulk-refused-T-9]").await;
    assert!(refused.contains("needs devops") && refused.contains("devops at level 3"), "{refused}");
    assert_eq!(app.count("[data-testid^=bulk-refused-]").await, 1, "only the refused card is named");
    app.wait_for(&format!("[data-testid=lane-AG-2] {}", card("T-5"))).await;
    app.wait_for(&format!("[data-testid=lane-AG-2] {}", card("T-8"))).await;
    assert_eq!(app.count(&format!("{UNASSIGNED} {}", card("T-9"))).await, 1, "the refused card is where it was");
    let after = app.workspace_json();
    assert_eq!(field(&after, "tasks", "T-5", "assignee"), "AG-2");
    assert_eq!(field(&after, "tasks", "T-8", "assignee"), "AG-2");
    assert_eq!(field(&after, "tasks", "T-9", "assignee"), &Value::Null);
    // One gesture: one event in the log for the three cards.
    assert_eq!(assignment_events(&app), assignments_before + 1);
    app.screenshots("2-refused-named").await;

    // Ctrl+Z takes the whole drop back in one step.
    app.find(&format!("{} .task-handle", card("T-20"))).await.send_keys(&format!("{CTRL}z{RELEASE}")).await.unwrap();
    app.wait_for(&format!("{UNASSIGNED} {}", card("T-5"))).await;
    app.wait_for(&format!("{UNASSIGNED} {}", card("T-8"))).await;
    assert_eq!(app.workspace_json(), before, "one undo restores every card");

    // Escape clears the selection; a plain click and a Shift-click take a run of a lane.
    app.find(&format!("{} .task-handle", card("T-20"))).await.send_keys("\u{E00C}").await.unwrap();
    app.wait_text("[data-testid=board-selection-status]", "Selection cleared").await;
    let nth = |n: usize| format!("{UNASSIGNED} .lane-cards > li:nth-child({n})");
    app.click(&nth(1)).await;
    app.click_holding(&nth(3), SHIFT).await;
    app.wait_text("[data-testid=board-selection-status]", "3 tasks selected").await;
    app.find(&format!("{} .task-handle", card("T-20"))).await.send_keys("\u{E00C}").await.unwrap();
    app.wait_text("[data-testid=board-selection-status]", "Selection cleared").await;

    // A box drawn from the board's margin over the first two cards of the lane.
    app.client.execute("document.querySelector('[data-testid=task-board]').scrollTo(0, 0);", vec![]).await.unwrap();
    let lane = app.rect(UNASSIGNED).await;
    let (first, second) = (app.rect(&nth(1)).await, app.rect(&nth(2)).await);
    app.drag_box((lane.0 - 6.0, first.1 + 4.0), (lane.0 + 40.0, second.1 + 10.0), None).await;
    app.wait_text("[data-testid=board-selection-status]", "2 tasks selected").await;
    assert_eq!(app.count(&format!("{UNASSIGNED} .task.selected")).await, 2);
    app.stop().await;
}

/// Without a mouse: the arrows walk a lane, Shift+arrows take a run, Ctrl+Space picks
/// cards one by one, and Space lifts them all for one drop, as the pointer's drag does.
#[tokio::test]
async fn several_cards_are_picked_and_dropped_with_the_keyboard() {
    let app = demo("bulk-keys").await;
    app.click("[data-testid=nav-tasks]").await;
    app.wait_for(&format!("{UNASSIGNED} {}", card("T-9"))).await;
    let handle = |key: &str| format!("{} .task-handle", card(key));
    let focused = || async {
        let key = app.client.execute("return document.activeElement?.closest('li.task')?.dataset.key ?? null;", vec![]).await.unwrap();
        key.as_str().map(str::to_owned)
    };
    let lane: Vec<String> = app
        .client
        .execute("return [...document.querySelectorAll(arguments[0])].map((li) => li.dataset.key);", vec![format!("{UNASSIGNED} .lane-cards > li").into()])
        .await
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k.as_str().unwrap().to_owned())
        .collect();
    assert!(lane.len() >= 4, "the demo leaves several cards unassigned: {lane:?}");

    // ArrowDown moves the focus down the lane and selects nothing; Shift+ArrowDown takes
    // the run from the focused card, Shift+ArrowUp gives the last one back.
    app.find(&handle(&lane[0])).await.send_keys("\u{E015}").await.unwrap(); // ArrowDown
    assert_eq!(focused().await.as_deref(), Some(lane[1].as_str()));
    assert_eq!(app.count("[data-testid=task-board] .task.selected").await, 0);
    app.find(&handle(&lane[1])).await.send_keys(&format!("{SHIFT}\u{E015}\u{E015}{RELEASE}")).await.unwrap();
    app.wait_text("[data-testid=board-selection-status]", "3 tasks selected").await;
    assert_eq!(focused().await.as_deref(), Some(lane[3].as_str()));
    app.find(&handle(&lane[3])).await.send_keys(&format!("{SHIFT}\u{E013}{RELEASE}")).await.unwrap(); // ArrowUp
    app.wait_text("[data-testid=board-selection-status]", "2 tasks selected").await;
    assert_eq!(focused().await.as_deref(), Some(lane[2].as_str()));
    for key in &lane[1..3] {
        assert_eq!(app.count(&format!("{}.selected", card(key))).await, 1, "{key} is selected");
    }
    app.find(&handle(&lane[1])).await.send_keys("\u{E00C}").await.unwrap(); // Escape
    app.wait_text("[data-testid=board-selection-status]", "Selection cleared").await;

    // Ctrl+Space picks the three cards of the pointer test, anywhere in the lane, and
    // takes one out again.
    for key in ["T-5", "T-8", "T-9", "T-8", "T-8"] {
        app.find(&handle(key)).await.send_keys(&format!("{CTRL} {RELEASE}")).await.unwrap();
    }
    app.wait_text("[data-testid=board-selection-status]", "3 tasks selected").await;
    for key in ["T-5", "T-8", "T-9"] {
        assert_eq!(app.count(&format!("{}.selected", card(key))).await, 1, "{key} is selected");
    }
    app.screenshots("3-picked-by-keyboard").await;

    // Space lifts all three, three ArrowRights carry them past Atlas and Echo to Beacon
    // (AG-2), Space drops: the web-dev tasks go in, Deploy to production is named.
    let lifted = app.find(&handle("T-9")).await;
    lifted.send_keys(" ").await.unwrap();
    app.wait_text("[data-testid=drag-count]", "3 tasks").await;
    for _ in 0..3 {
        lifted.send_keys("\u{E014}").await.unwrap(); // ArrowRight
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    lifted.send_keys(" ").await.unwrap();
    app.wait_text("[data-testid=bulk-notice] strong", "2 tasks assigned to AG-2; 1 task stays where it was").await;
    assert!(app.text("[data-testid=bulk-refused-T-9]").await.contains("needs devops"));
    let after = app.workspace_json();
    assert_eq!(field(&after, "tasks", "T-5", "assignee"), "AG-2");
    assert_eq!(field(&after, "tasks", "T-8", "assignee"), "AG-2");
    assert_eq!(field(&after, "tasks", "T-9", "assignee"), &Value::Null);
    app.screenshots("4-dropped-by-keyboard").await;
    app.stop().await;
}

/// How many assignment gestures the event log holds, as the CLI prints it.
fn assignment_events(app: &App) -> usize {
    app.cli(&["events"]).lines().filter(|l| serde_json::from_str::<Value>(l).is_ok_and(|e| e["kind"] == "assigned")).count()
}

#[tokio::test]
async fn several_goals_get_one_status_priority_and_parent() {
    let app = demo("bulk-goals").await;
    let row = |key: &str| format!("[data-testid=goal-tree] [data-key=\"{key}\"]");
    let before = app.workspace_json();

    // A plain click on Launch the online store, a Shift-click on Deploy the storefront:
    // the run of four goals, and the editor gives way to one edit for all of them.
    app.open_goal("G-SHOP").await;
    app.click_holding(&row("G-SITE"), SHIFT).await;
    app.wait_text("#goal-bulk-title", "4 goals selected").await;
    for key in ["G-SHOP", "G-CATALOG", "G-PAY", "G-SITE"] {
        app.wait_for(&format!("{}[aria-selected=true]", row(key))).await;
    }

    // Active is no move for G-SHOP, in progress: refused, naming it, and nothing changes.
    app.select("[data-testid=bulk-status]", "active").await;
    app.fill("[data-testid=bulk-priority]", "3").await;
    app.click("[data-testid=bulk-apply]").await;
    app.wait_text("[data-testid=error-bulk-status]", "goal G-SHOP cannot go from in_progress to active").await;
    assert_eq!(app.workspace_json(), before, "a refused bulk edit changes nothing");
    app.screenshots("1-refused").await;

    // In progress is no move for the three pending goals: each is named, one a line.
    app.select("[data-testid=bulk-status]", "in_progress").await;
    app.click("[data-testid=bulk-apply]").await;
    app.eventually("the refusal of three goals", "true", || async {
        app.text("[data-testid=error-bulk-status]").await.starts_with("3 goals cannot take the edit, so none was changed:").to_string()
    })
    .await;
    let listed = app.text("[data-testid=error-bulk-status]").await;
    for key in ["G-CATALOG", "G-PAY", "G-SITE"] {
        assert!(listed.contains(&format!("{key}: goal {key} cannot go from pending to in_progress")), "{listed}");
    }
    assert_eq!(app.workspace_json(), before, "a refused bulk edit changes nothing");
    app.select("[data-testid=bulk-status]", "active").await;

    // Ctrl-click takes G-SHOP out; the three pending goals become active, priority 3.
    app.click_holding(&row("G-SHOP"), CTRL).await;
    app.wait_text("#goal-bulk-title", "3 goals selected").await;
    app.click("[data-testid=bulk-apply]").await;
    app.wait_text("[data-testid=bulk-saved]", "Applied to 3 goals (Ctrl+Z undoes it in one step)").await;
    let after = app.workspace_json();
    for key in ["G-CATALOG", "G-PAY", "G-SITE"] {
        assert_eq!((field(&after, "goals", key, "status"), field(&after, "goals", key, "priority")), (&Value::from("active"), &Value::from(3)), "{key}");
    }
    assert_eq!(field(&after, "goals", "G-SHOP", "status"), "in_progress");
    app.wait_text(&format!("{} .badge.status-active", row("G-PAY")), "Active").await;

    // And a new parent for all three: Fulfil orders within 48 hours.
    app.pick_goal("bulk-move-under", "G-OPS").await;
    app.wait_text("[data-testid=bulk-parent]", "G-OPS · Fulfil orders within 48 hours").await;
    app.screenshots("2-panel").await;
    app.click("[data-testid=bulk-apply]").await;
    app.eventually("the new parent, through the CLI", "G-OPS G-OPS G-OPS", || async {
        let doc = app.workspace_json();
        ["G-CATALOG", "G-PAY", "G-SITE"].map(|k| field(&doc, "goals", k, "parent").as_str().unwrap_or("-").to_owned()).join(" ")
    })
    .await;

    // Each edit was one step: two undos bring the workspace back as it was.
    for _ in 0..2 {
        app.find(&row("G-PAY")).await.send_keys(&format!("{CTRL}z{RELEASE}")).await.unwrap();
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    }
    app.eventually("the workspace after two undos", "true", || async { (app.workspace_json() == before).to_string() }).await;

    // From the keyboard: Shift+↓ grows the run from the goal in the editor, Shift+↑ shrinks it.
    app.find(&row("G-PAY")).await.send_keys("\u{E00C}").await.unwrap();
    app.open_goal("G-MKT").await;
    for _ in 0..2 {
        app.find(&row("G-MKT")).await.send_keys(&format!("{SHIFT}\u{E015}{RELEASE}")).await.unwrap(); // Shift+↓
    }
    app.wait_text("#goal-bulk-title", "3 goals selected").await;
    app.wait_for("[data-testid=bulk-goal-G-MKT]").await;
    app.find(&row("G-MKT")).await.send_keys(&format!("{SHIFT}\u{E013}{RELEASE}")).await.unwrap(); // Shift+↑
    app.wait_text("#goal-bulk-title", "2 goals selected").await;
    app.find(&row("G-MKT")).await.send_keys("\u{E00C}").await.unwrap();
    app.wait_text("[data-testid=goal-key]", "G-MKT").await;

    // On the goal graph, Ctrl-click adds goals to the one open: the same panel edits them.
    app.open_goal("G-SHOP").await;
    app.click("[data-testid=goals-as-graph]").await;
    let node = |key: &str| format!("[data-testid=goal-graph] .react-flow__node[data-id=\"{key}\"]");
    app.wait_for(&format!("{}.selected", node("G-SHOP"))).await;
    // A click that lands while the graph is still being fitted into view is lost: again
    // until it takes (as on the plan canvas).
    for _ in 0..10 {
        app.click_holding(&node("G-MKT"), CTRL).await;
        if app.count(&format!("{}.selected", node("G-MKT"))).await == 1 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    }
    app.wait_text("#goal-bulk-title", "2 goals selected").await;
    app.click_holding(&node("G-PRICE"), CTRL).await;
    app.wait_text("#goal-bulk-title", "3 goals selected").await;
    for key in ["G-SHOP", "G-MKT", "G-PRICE"] {
        app.wait_for(&format!("[data-testid=bulk-goal-{key}]")).await;
        app.wait_for(&format!("{}.selected", node(key))).await;
    }
    app.fill("[data-testid=bulk-priority]", "2").await;
    app.click("[data-testid=bulk-apply]").await;
    app.wait_text("[data-testid=bulk-saved]", "Applied to 3 goals (Ctrl+Z undoes it in one step)").await;
    let edited = app.workspace_json();
    for key in ["G-SHOP", "G-MKT", "G-PRICE"] {
        assert_eq!(field(&edited, "goals", key, "priority"), 2, "{key}");
    }
    app.stop().await;
}

#[tokio::test]
async fn steps_selected_with_a_box_on_the_plan_canvas_go_in_one_step() {
    let app = demo("bulk-plan").await;
    app.click("[data-testid=nav-plans]").await;
    app.click("[data-testid=plan-list] [data-key=P-STORE]").await;
    let steps = "[data-testid=plan-graph] [data-testid=step-node]";
    app.eventually("P-STORE's steps", "10", || async { app.count(steps).await.to_string() }).await;
    let before = app.workspace_json();

    // The view settles (fit to the plan, cards or plain boxes by zoom) before the box is
    // drawn: wait until the steps stop moving.
    let mut last = serde_json::Value::Null;
    for _ in 0..50 {
        let now = app
            .client
            .execute("return [...document.querySelectorAll('[data-testid=plan-graph] .react-flow__node')].map((n) => { const r = n.getBoundingClientRect(); return [r.left, r.top, r.width, r.height]; });", vec![])
            .await
            .unwrap();
        if now == last {
            break;
        }
        last = now;
        tokio::time::sleep(Duration::from_millis(300)).await;
    }

    // Shift-drag from the canvas's empty corner into the top of the second row of steps.
    let (from, to): (Vec<f64>, Vec<f64>) = {
        let v = app
            .client
            .execute(
                "const pane = document.querySelector('[data-testid=plan-graph] .react-flow__pane').getBoundingClientRect();
                 const nodes = [...document.querySelectorAll('[data-testid=plan-graph] .react-flow__node')].map((n) => n.getBoundingClientRect());
                 const tops = [...new Set(nodes.map((r) => Math.round(r.top)))].sort((a, b) => a - b);
                 const rows = nodes.filter((r) => Math.round(r.top) <= tops[1]);
                 const x = Math.max(...rows.map((r) => r.left + r.width / 2));
                 return [[pane.left + 4, pane.top + 4], [x, tops[1] + 25]];",
                vec![],
            )
            .await
            .unwrap();
        let point = |i: usize| v[i].as_array().unwrap().iter().map(|n| n.as_f64().unwrap()).collect();
        (point(0), point(1))
    };
    app.drag_box((from[0], from[1]), (to[0], to[1]), Some(SHIFT)).await;
    // The selection grows with the box and a loaded machine draws it late: read it once
    // it has stopped changing.
    let mut selected = 0;
    let mut same = 0;
    for _ in 0..75 {
        let now = app.count("[data-testid=plan-graph] .react-flow__node.selected").await;
        same = if now == selected { same + 1 } else { 0 };
        selected = now;
        if same >= 3 && selected >= 2 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    assert!(selected >= 2, "the box selects the steps it touches: {selected}");
    app.wait_text("[data-testid=plan-selection-count]", &format!("{selected} steps selected")).await;
    app.wait_text("[data-testid=delete-selection]", &format!("Remove {selected} steps")).await;

    app.click("[data-testid=delete-selection]").await;
    app.eventually("the steps left", &(10 - selected).to_string(), || async { app.count(steps).await.to_string() }).await;
    let after = app.workspace_json();
    let left = after["plans"].as_array().unwrap().iter().find(|p| p["key"] == "P-STORE").unwrap()["steps"].as_array().unwrap().len();
    assert_eq!(left, 10 - selected);

    // One undo brings every step back, with its edges and the tasks made from it.
    app.click("[data-testid=undo]").await;
    app.eventually("the steps after one undo", "10", || async { app.count(steps).await.to_string() }).await;
    assert_eq!(app.workspace_json(), before);
    app.stop().await;
}

#[tokio::test]
async fn ctrl_k_selects_every_card_and_clears_the_selection() {
    let app = demo("bulk-commands").await;
    let tree_row = "[data-testid=goal-tree] [data-key=\"G-REV\"]";
    app.find(tree_row).await.send_keys(&format!("{CTRL}k{RELEASE}")).await.unwrap();
    app.fill("[data-testid=search-input]", "select every card").await;
    app.wait_for("[data-testid=\"command-tasks.select-all\"][aria-selected=true]").await;
    app.find("[data-testid=search-input]").await.send_keys("\u{E007}").await.unwrap(); // Enter
    // The palette went to the board, which took the request once it was there.
    app.wait_text("[data-testid=board-selection-status]", "14 tasks selected").await;
    assert_eq!(app.count("[data-testid=task-board] .task.selected").await, 14);
    app.find(&format!("{} .task-handle", card("T-20"))).await.send_keys(&format!("{CTRL}k{RELEASE}")).await.unwrap();
    app.fill("[data-testid=search-input]", "clear the selection").await;
    app.wait_for("[data-testid=\"command-selection.clear\"][aria-selected=true]").await;
    app.find("[data-testid=search-input]").await.send_keys("\u{E007}").await.unwrap();
    app.wait_text("[data-testid=board-selection-status]", "Selection cleared").await;
    assert_eq!(app.count("[data-testid=task-board] .task.selected").await, 0);
    app.stop().await;
}
