//! The task board, the action and agent forms, and the file commands, end to end on the
//! real app and its real database. Run by scripts/e2e.sh under Xvfb.
//!
//! Export and import go through native file dialogs, which WebDriver cannot drive: these
//! tests call the same IPC commands the dialogs' callers do (through the page's Tauri
//! bridge) with paths in the test's own folder, and watch the UI's file panel, which
//! shows what the commands report whoever called them.

mod harness;

use harness::App;
use std::path::{Path, PathBuf};
use std::process::Command;

const BOARD: &str = "[data-testid=task-board]";

async fn demo_board(name: &'static str) -> App {
    let app = App::start(name).await;
    app.click("[data-testid=load-demo]").await;
    app.wait_for("[data-testid=goal-tree]").await;
    app.click("[data-testid=nav-tasks]").await;
    app.wait_for(&format!("{BOARD} [data-testid=task-T-5]")).await;
    app
}

fn cli() -> PathBuf {
    if let Some(path) = std::env::var_os("MABOS_PLANNER_CLI") {
        return PathBuf::from(path);
    }
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_owned();
    let target = std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| repo.join("target"));
    target.join("debug").join("mabos-planner-cli")
}

/// `mabos-planner-cli ARGS` on the app's database: its standard output.
fn run_cli(app: &App, args: &[&str]) -> String {
    let out = Command::new(cli()).args(args).env("MABOS_PLANNER_DB", app.database()).output().expect("the CLI runs (scripts/e2e.sh builds it)");
    assert!(out.status.success(), "mabos-planner-cli {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// An export without its one varying line, the time of export.
fn without_export_time(text: &str) -> String {
    text.lines().filter(|l| !l.trim_start().starts_with("\"exported_at\":")).collect::<Vec<_>>().join("\n")
}

/// The whole workspace as the CLI exports it: equal before and after means nothing changed.
fn workspace(app: &App) -> String {
    without_export_time(&run_cli(app, &["export", "workspace"]))
}

#[tokio::test]
async fn dragging_a_card_assigns_it_or_says_what_the_agent_lacks() {
    let app = demo_board("board").await;
    let unassigned = "[data-testid=lane-unassigned]";
    app.wait_for(&format!("{unassigned} [data-testid=task-T-5]")).await;
    // Atlas holds "Build the storefront" (60 h, in progress) of 80 h.
    app.wait_text("[data-testid=lane-AG-1-load]", "60 / 80 h").await;
    let before = workspace(&app);

    // Echo (marketing) lacks web-dev, which "Load the catalogue" (T-5) needs.
    app.drag("[data-testid=task-T-5]", "[data-testid=lane-AG-10]").await;
    app.wait_text("[data-testid=error-lane-AG-10]", "AG-10 lacks web-dev, which task T-5 needs at level 2").await;
    assert_eq!(app.count(&format!("{unassigned} [data-testid=task-T-5]")).await, 1, "the card is back in its column");
    assert_eq!(app.count("[data-testid=lane-AG-10] [data-testid=task-T-5]").await, 0);
    assert_eq!(workspace(&app), before, "a refused drop changes nothing");
    app.screenshots("1-refused-drop").await;

    // Atlas has web-dev at level 5: assigned, and the column's workload follows.
    app.drag("[data-testid=task-T-5]", "[data-testid=lane-AG-1]").await;
    app.wait_for("[data-testid=lane-AG-1] [data-testid=task-T-5]").await;
    app.wait_text("[data-testid=lane-AG-1-load]", "68 / 80 h").await;
    assert_eq!(app.count(&format!("{unassigned} [data-testid=task-T-5]")).await, 0);
    assert_eq!(app.count("[data-testid=lane-AG-10-error]").await, 0, "the refusal is gone once a drop succeeds");
    assert!(run_cli(&app, &["export", "workspace"]).contains("\"assignee\": \"AG-1\""));

    // Marking done follows the life cycle and the dependencies: T-5 waits on unfinished work.
    app.click("[data-testid=task-T-5-done]").await;
    app.wait_text("[data-testid=error-task-T-5]", "task T-5 waits on T-3, T-4, which are not done").await;
    // Haven's backlog task has nothing to wait on: done, its effort leaves the workload,
    // and done being final, the card offers no further move.
    app.wait_text("[data-testid=lane-AG-6-load]", "10 / 40 h").await;
    app.click("[data-testid=task-T-21-done]").await;
    app.wait_text("[data-testid=task-T-21] .badge.status-done", "Done").await;
    app.wait_text("[data-testid=lane-AG-6-load]", "0 / 40 h").await;
    assert_eq!(app.count("[data-testid=task-T-21-done]").await, 0);

    // Each of these was one gesture: one undo puts the task back to to do.
    app.click("[data-testid=undo]").await;
    app.wait_text("[data-testid=task-T-21] .badge.status-todo", "To do").await;
    app.wait_text("[data-testid=lane-AG-6-load]", "10 / 40 h").await;
    app.client.execute("document.querySelector('[data-testid=task-board]').scrollTo(0, 0);", vec![]).await.unwrap();
    app.screenshots("2-task-board").await;

    // The filters narrow the cards: only P-STORE's tasks that are to do.
    app.select("[data-testid=filter-plan]", "P-STORE").await;
    app.select("[data-testid=filter-status]", "todo").await;
    app.wait_gone("[data-testid=task-T-21]").await;
    app.eventually("P-STORE's tasks to do", "5", || async { app.count(&format!("{BOARD} .task")).await.to_string() }).await;
    app.stop().await;
}

#[tokio::test]
async fn a_task_an_action_and_an_agent_are_made_through_their_forms() {
    let app = App::start("board-forms").await;

    // An action: a mistyped cost is refused beside its field, then every field saves.
    app.click("[data-testid=nav-actions]").await;
    app.click("[data-testid=new-action]").await;
    app.fill("#action-name", "Run a load test").await;
    app.fill("#action-cost", "cheap").await;
    app.click("[data-testid=save-action]").await;
    app.wait_text("[data-testid=error-action-cost]", "must be a number").await;
    app.fill("#action-cost", "300").await;
    app.fill("#action-duration", "5").await;
    app.fill("#action-description", "Hammer the shop before launch.").await;
    app.fill("[data-testid=requires-new-name]", "devops").await;
    app.select("[data-testid=requires-new-level]", "3").await;
    app.click("[data-testid=requires-add]").await;
    app.click("[data-testid=preconditions-add]").await;
    app.fill("[data-testid=preconditions-0-key]", "site.deployed").await;
    app.fill("[data-testid=preconditions-0-value]", "true").await;
    app.click("[data-testid=effects-add]").await;
    app.fill("[data-testid=effects-0-key]", "load.tested").await;
    app.fill("[data-testid=effects-0-value]", "true").await;
    app.click("[data-testid=save-action]").await;
    app.wait_for("[data-testid=action-A-1][aria-current=true]").await;
    app.wait_text("[data-testid=action-save-state]", "All changes saved").await;
    let action = run_cli(&app, &["export", "workspace"]);
    for expected in ["\"name\": \"Run a load test\"", "\"cost\": 300.0", "\"key\": \"site.deployed\"", "\"key\": \"load.tested\""] {
        assert!(action.contains(expected), "{expected} in {action}");
    }

    // An agent: capabilities as chips, a level changed in place.
    app.click("[data-testid=nav-agents]").await;
    app.click("[data-testid=new-agent]").await;
    app.fill("#agent-name", "Tempo — performance").await;
    app.fill("#agent-capacity", "20").await;
    app.fill("#agent-experience", "15").await;
    app.fill("[data-testid=capabilities-new-name]", "devops").await;
    app.select("[data-testid=capabilities-new-level]", "2").await;
    app.click("[data-testid=capabilities-add]").await;
    app.click("[data-testid=save-agent]").await;
    app.wait_for("[data-testid=agent-AG-1][aria-current=true]").await;
    app.select("[data-testid=capabilities-0-level]", "4").await;
    app.wait_text("[data-testid=agent-save-state]", "Unsaved changes").await;
    app.click("[data-testid=save-agent]").await;
    app.wait_text("[data-testid=agent-save-state]", "All changes saved").await;
    // The chip is a flex box: its name and level come out of innerText on two lines.
    let chip = "[data-testid=agent-AG-1] .chip";
    app.eventually(chip, "devops 4", || async { app.text(chip).await.split_whitespace().collect::<Vec<_>>().join(" ") }).await;
    // The capability is in use: deleting it is refused beside it, naming its users.
    app.click("[data-testid=capability-devops-delete]").await;
    app.wait_text("[data-testid=error-capability-devops]", "capability devops is still used by action A-1, agent AG-1").await;

    // A task from the board's form, then on the board, unassigned.
    app.click("[data-testid=nav-tasks]").await;
    app.click("[data-testid=new-task]").await;
    app.fill("#task-title", "Book the load-test window").await;
    app.fill("#task-effort", "2").await;
    app.fill("#task-priority", "11").await;
    app.click("[data-testid=create-task]").await;
    app.wait_text("[data-testid=error-task-priority]", "must be between 1 and 10, not 11").await;
    app.fill("#task-priority", "8").await;
    app.click("[data-testid=create-task]").await;
    app.wait_text("[data-testid=lane-unassigned] [data-testid=task-T-1] .task-title", "Book the load-test window").await;
    app.wait_text("[data-testid=lane-AG-1-load]", "0 / 20 h").await;
    app.stop().await;
}

#[tokio::test]
async fn a_plan_exports_as_the_cli_does_and_a_broken_import_is_refused_in_full() {
    let app = demo_board("board-files").await;
    let path = app.scratch().join("store-plan.json");
    app.answer_dialog(Some(&path));
    let written = app.invoke("export_plan", serde_json::json!({ "key": "P-STORE" })).await.expect("export_plan");
    assert_eq!(written, serde_json::json!(path.display().to_string()));
    app.wait_for("[data-testid=file-panel][data-phase=done]").await;
    let from_app = std::fs::read_to_string(&path).unwrap();
    let from_cli = run_cli(&app, &["export", "plan", "P-STORE"]);
    assert_eq!(without_export_time(&from_app), without_export_time(&from_cli), "the app writes the core's bytes");
    assert!(from_app.contains("\"kind\": \"plan\""));

    // The same plan, with two broken fields: refused before anything is written.
    let mut doc: serde_json::Value = serde_json::from_str(&from_app).unwrap();
    doc["goals"][0]["title"] = "".into();
    doc["tasks"][0]["priority"] = 42.into();
    let broken = app.scratch().join("broken.json");
    std::fs::write(&broken, serde_json::to_string_pretty(&doc).unwrap()).unwrap();
    let before = workspace(&app);
    app.answer_dialog(Some(&broken));
    app.click("[data-testid=import-json]").await;
    app.wait_for("[data-testid=file-panel][data-phase=failed]").await;
    app.wait_text("[data-testid=file-problems] li", "/goals/0/title goal G-CATALOG: title must not be empty").await;
    let problems = app.text("[data-testid=file-problems]").await;
    assert!(problems.contains("/tasks/0/priority"), "every problem is listed, not only the first: {problems}");
    assert_eq!(workspace(&app), before, "a refused import changes nothing");
    app.screenshots("1-import-refused").await;

    // A file cut short is refused as such, for the whole file.
    let truncated = app.scratch().join("truncated.json");
    std::fs::write(&truncated, &from_app[..from_app.len() / 2]).unwrap();
    app.answer_dialog(Some(&truncated));
    let refusal = app.invoke("import_file", serde_json::json!({})).await.expect_err("a truncated file is refused");
    assert_eq!(refusal["code"], "import");
    app.wait_text("[data-testid=file-problems] li .pointer", "(whole file)").await;
    assert!(app.text("[data-testid=file-problems] li").await.contains("ends too early"));

    // A page cannot name a path: one it passes is ignored, and a cancelled dialog writes nothing.
    let chosen_by_page = app.scratch().join("chosen-by-the-page.json");
    app.answer_dialog(None);
    let cancelled = app.invoke("export_workspace", serde_json::json!({ "path": chosen_by_page })).await.expect("export_workspace");
    assert_eq!(cancelled, serde_json::Value::Null);
    assert!(!chosen_by_page.exists(), "the page's path was not written");
    assert!(app.invoke("save_bytes", serde_json::json!({ "path": chosen_by_page, "bytes": [1, 2, 3] })).await.is_err(), "no command writes bytes to a path");
    assert!(!chosen_by_page.exists());

    // The actions and agents views of the demo, for the record.
    app.click("[data-testid=file-panel-close]").await;
    app.click("[data-testid=nav-actions]").await;
    app.click("[data-testid=action-A-SETUP-PAY]").await;
    app.wait_for("[data-testid=action-editor]").await;
    app.screenshots("2-actions").await;
    app.click("[data-testid=nav-agents]").await;
    app.click("[data-testid=agent-AG-2]").await;
    app.wait_for("[data-testid=agent-editor]").await;
    app.screenshots("3-agents").await;
    app.stop().await;
}

/// The commands the page has invoked since `record_calls`, in order.
async fn recorded_calls(app: &App) -> Vec<String> {
    let calls = app.client.execute("return window.__recordedCalls ?? [];", vec![]).await.unwrap();
    serde_json::from_value(calls).unwrap()
}

/// From now on, notes the name of every command the page invokes (the UI's api.ts and the
/// test's own `invoke` both go through the page's Tauri bridge). The bridge's `invoke` is
/// read-only; on Linux it posts each call to `ipc://localhost/<command>` with `fetch`, which
/// the page may wrap.
async fn record_calls(app: &App) {
    app.client
        .execute(
            "window.__recordedCalls = [];
             const send = window.fetch.bind(window);
             window.fetch = (input, init) => {
               const url = String(input instanceof Request ? input.url : input);
               if (url.startsWith('ipc:')) window.__recordedCalls.push(decodeURIComponent(url.slice(url.lastIndexOf('/') + 1)));
               return send(input, init);
             };",
            vec![],
        )
        .await
        .unwrap();
}

#[tokio::test]
async fn a_goal_edit_reloads_only_the_goal_filter_of_the_board_and_a_task_edit_reloads_its_tasks() {
    let app = demo_board("board-reloads").await;
    record_calls(&app).await;

    // A goal renamed while the board is shown (through the command the goal editor calls):
    // the board's goal filter follows, its tasks, lanes and plan filter are not refetched.
    let mut goal = app.invoke("goal", serde_json::json!({ "key": "G-REV" })).await.unwrap();
    goal["title"] = "Renamed while the board is shown".into();
    app.invoke("update_goal", serde_json::json!({ "key": "G-REV", "fields": goal })).await.unwrap();
    app.wait_text("[data-testid=filter-goal] option[value=G-REV]", "G-REV · Renamed while the board is shown").await;
    let calls = recorded_calls(&app).await;
    assert!(calls.contains(&"goal_tree".to_owned()), "{calls:?}");
    for board_query in ["tasks", "agents", "plans"] {
        assert!(!calls.contains(&board_query.to_owned()), "a goal edit refetched {board_query}: {calls:?}");
    }

    // A new task is on the board at once: its notice reloads the tasks.
    let fields = app.invoke("task_template", serde_json::json!({ "title": "Reloaded by its notice" })).await.unwrap();
    let task = app.invoke("create_task", serde_json::json!({ "key": null, "fields": fields })).await.unwrap();
    let card = format!("{BOARD} [data-testid=task-{}]", task["key"].as_str().unwrap());
    app.wait_for(&card).await;
    assert!(recorded_calls(&app).await.contains(&"tasks".to_owned()));
    app.stop().await;
}

/// The window's author, as the app names itself (`app:<user>`, see src-tauri/src/db.rs).
fn window_author() -> String {
    let user = std::env::var("USER").or_else(|_| std::env::var("LOGNAME")).unwrap_or_default();
    if user.is_empty() { "app".to_owned() } else { format!("app:{user}") }
}

/// Other writers: what the CLI commits shows in the open window without a click, with a
/// notice naming who did it; an edit in progress is kept, and flagged, when its goal
/// changes underneath.
#[tokio::test]
async fn the_window_shows_what_other_processes_write_and_keeps_an_edit_in_progress() {
    let app = App::start("live-window").await;
    app.click("[data-testid=load-demo]").await;
    app.wait_for("[data-testid=goal-tree]").await;

    let file = app.scratch().join("from-cli.json");
    let doc = serde_json::json!({
        "format": "mabos-planner", "version": 1, "kind": "workspace", "exported_at": "2026-01-01T00:00:00Z",
        "generator": "e2e", "capabilities": [], "agents": [], "actions": [], "plans": [], "tasks": [],
        "goals": [{ "key": "G-FROM-CLI", "title": "Written by the CLI", "status": "active", "priority": 3,
                    "kind": "hard", "mode": "achieve", "refinement": "and", "parent": null }],
    });
    std::fs::write(&file, doc.to_string()).unwrap();
    run_cli(&app, &["--author", "cli:bob", "import", file.to_str().unwrap()]);
    app.wait_for("[data-testid=goal-tree] [data-key=\"G-FROM-CLI\"]").await;
    app.eventually("the notice names the CLI", "true", || async { app.text("[data-testid=history-notice]").await.contains("cli:bob").to_string() })
        .await;
    app.screenshots("1-change-by-the-cli").await;

    // Saved in the window, then edited again without saving, while the same user undoes
    // the save from a terminal: the edit stays, the form says the goal changed.
    app.open_goal("G-FROM-CLI").await;
    let mut goal = app.invoke("goal", serde_json::json!({ "key": "G-FROM-CLI" })).await.unwrap();
    goal["title"] = "Saved in the window".into();
    app.invoke("update_goal", serde_json::json!({ "key": "G-FROM-CLI", "fields": goal })).await.unwrap();
    app.wait_value("#goal-title", "Saved in the window").await;
    app.fill("#goal-title", "Being edited").await;
    run_cli(&app, &["--author", &window_author(), "undo"]);
    app.wait_for("[data-testid=changed-elsewhere]").await;
    assert_eq!(app.value("#goal-title").await, "Being edited", "the edit in progress is kept");
    app.screenshots("2-changed-while-editing").await;
    app.click("[data-testid=reload-goal]").await;
    app.wait_value("#goal-title", "Written by the CLI").await;
    app.wait_gone("[data-testid=changed-elsewhere]").await;

    // The same for a plan's details.
    app.click("[data-testid=nav-plans]").await;
    app.click("[data-testid=plan-list] [data-key=\"P-STORE\"]").await;
    app.wait_text("[data-testid=plan-key]", "P-STORE").await;
    app.click("[data-testid=edit-plan]").await;
    let mut plan = app.invoke("plan", serde_json::json!({ "key": "P-STORE" })).await.unwrap();
    let original = plan["title"].as_str().unwrap().to_owned();
    plan["title"] = "Plan saved in the window".into();
    app.invoke("update_plan", serde_json::json!({ "key": "P-STORE", "fields": plan })).await.unwrap();
    app.wait_value("[data-testid=plan-title]", "Plan saved in the window").await;
    app.fill("[data-testid=plan-title]", "Plan being edited").await;
    run_cli(&app, &["--author", &window_author(), "undo"]);
    app.wait_for("[data-testid=plan-changed-elsewhere]").await;
    assert_eq!(app.value("[data-testid=plan-title]").await, "Plan being edited", "the edit in progress is kept");
    app.click("[data-testid=reload-plan]").await;
    app.wait_value("[data-testid=plan-title]", &original).await;
    app.wait_gone("[data-testid=plan-changed-elsewhere]").await;
    app.stop().await;
}

/// Tasks as CSV from the board: the export is the CLI's bytes; a file with bad rows is
/// refused with every problem by row and column, and nothing changes; a good one comes in
/// as one undo step.
#[tokio::test]
async fn tasks_go_out_and_come_in_as_csv_from_the_board() {
    let app = App::start("board-csv").await;
    app.click("[data-testid=load-demo]").await;
    app.wait_for("[data-testid=goal-tree]").await;
    app.click("[data-testid=nav-tasks]").await;
    app.wait_for("[data-testid=task-board]").await;

    let exported = app.scratch().join("tasks.csv");
    app.answer_dialog(Some(&exported));
    app.click("[data-testid=export-tasks-csv]").await;
    app.wait_for("[data-testid=file-panel][data-phase=done]").await;
    assert_eq!(std::fs::read_to_string(&exported).unwrap(), run_cli(&app, &["export", "tasks"]));
    app.click("[data-testid=file-panel-close]").await;

    let before = workspace(&app);
    let header = "key,title,description,status,priority,effort,deadline,goal,plan,step,assignee,depends_on\r\n";
    let bad = app.scratch().join("bad.csv");
    std::fs::write(&bad, format!("{header}T-900,Fine,,todo,5,2,,,,,,\r\nT-901,,,todo,11,2,,,,,,\r\nT-902,\"Waits, forever\",,todo,5,-1,,,,,,T-999\r\n")).unwrap();
    app.answer_dialog(Some(&bad));
    app.click("[data-testid=import-tasks-csv]").await;
    app.wait_for("[data-testid=file-panel][data-phase=failed]").await;
    let problems = app.text("[data-testid=file-problems]").await;
    for pointer in ["/rows/3/title", "/rows/3/priority", "/rows/4/effort", "/rows/4/depends_on"] {
        assert!(problems.contains(pointer), "{pointer} missing from {problems}");
    }
    app.screenshots("1-refused").await;
    assert_eq!(workspace(&app), before, "a refused file changes nothing");

    let good = app.scratch().join("good.csv");
    std::fs::write(&good, format!("{header}T-900,Call the courier,\"Ask about \"\"same day\"\"\",todo,5,2,,,,,,\r\nT-901,Book the van,,todo,6,1.5,,,,,,T-900\r\n")).unwrap();
    app.answer_dialog(Some(&good));
    app.click("[data-testid=import-tasks-csv]").await;
    app.wait_for("[data-testid=file-panel][data-phase=done]").await;
    app.wait_text("[data-testid=file-done]", &format!("Imported 2 tasks (1 dependency) from {}. Undo takes it back in one step.", good.display())).await;
    app.wait_for("[data-testid=task-T-901]").await;
    app.click("[data-testid=undo]").await;
    app.wait_gone("[data-testid=task-T-900]").await;
    assert_eq!(workspace(&app), before, "undo takes the whole file back");
    app.stop().await;
}

/// Without a mouse: Space lifts the focused card, the arrows carry it lane by lane, Space
/// drops it there as one assignment, like a drop with the pointer.
#[tokio::test]
async fn a_card_moves_between_lanes_with_the_keyboard() {
    let app = App::start("board-keys").await;
    app.click("[data-testid=load-demo]").await;
    app.wait_for("[data-testid=goal-tree]").await;
    app.click("[data-testid=nav-tasks]").await;
    let handle = "[data-testid=task-T-5] .task-handle";
    app.wait_for(handle).await;

    // Unassigned → Atlas (AG-1), the lane to its right.
    let card = app.find(handle).await;
    card.send_keys(" ").await.unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    card.send_keys("\u{E014}").await.unwrap(); // ArrowRight
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    card.send_keys(" ").await.unwrap();
    app.wait_for("[data-testid=lane-AG-1] [data-testid=task-T-5]").await;
    app.wait_text("[data-testid=lane-AG-1-load]", "68 / 80 h").await;
    app.screenshots("1-moved-by-keyboard").await;
    app.stop().await;
}
