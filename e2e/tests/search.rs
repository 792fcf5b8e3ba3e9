//! Search (Ctrl+F), reparenting by dragging a tree row, and the keyboard-shortcut
//! overlay (?), on the real app. Run by scripts/e2e.sh under Xvfb.

mod harness;

use harness::{App, CTRL, RELEASE};

const TREE: &str = "[data-testid=goal-tree]";
const ARROW_DOWN: &str = "\u{E015}";
const ARROW_LEFT: &str = "\u{E012}";
const ENTER: &str = "\u{E007}";
const ESCAPE: &str = "\u{E00C}";
const F1: &str = "\u{E031}";

fn row(key: &str) -> String {
    format!("{TREE} [data-key=\"{key}\"]")
}

/// A fresh app with the demo workspace loaded and its tree showing.
async fn demo(name: &'static str) -> App {
    let app = App::start(name).await;
    app.click("[data-testid=load-demo]").await;
    app.wait_for(&row("G-REV")).await;
    app
}

/// Sends keys to the element, as typed while it has the focus. An element the page
/// redrew between finding and typing is found afresh (up to three times).
async fn keys(app: &App, css: &str, keys: &str) {
    let mut attempt = 1;
    loop {
        match app.wait_for(css).await.send_keys(keys).await {
            Ok(()) => return,
            Err(e) if attempt < 3 && e.to_string().contains("not found") => {
                attempt += 1;
                tokio::time::sleep(std::time::Duration::from_millis(200)).await;
            }
            Err(e) => panic!("cannot type into {css}: {e}"),
        }
    }
}

async fn level(app: &App, key: &str) -> String {
    app.find(&row(key)).await.attr("aria-level").await.unwrap().unwrap_or_default()
}

#[tokio::test]
async fn ctrl_f_finds_a_goal_by_part_of_its_title_and_selects_it() {
    let app = demo("search-palette").await;
    // Hide the goal we are after under its collapsed parent.
    app.click(&row("G-SHOP")).await;
    keys(&app, &row("G-SHOP"), ARROW_LEFT).await;
    app.wait_gone(&row("G-CATALOG")).await;

    keys(&app, &row("G-SHOP"), &format!("{CTRL}f{RELEASE}")).await;
    app.wait_for("[data-testid=search-palette]").await;
    keys(&app, "[data-testid=search-input]", "product catal").await;
    app.wait_for("[data-testid=search-hit-goal-G-CATALOG]").await;
    assert_eq!(
        app.find("[data-testid=search-hit-goal-G-CATALOG]").await.attr("aria-selected").await.unwrap().as_deref(),
        Some("true"),
        "the best match is chosen first"
    );
    app.screenshots("1-palette").await;

    keys(&app, "[data-testid=search-input]", ENTER).await;
    app.wait_gone("[data-testid=search-palette]").await;
    app.wait_text("[data-testid=goal-key]", "G-CATALOG").await;
    // Its collapsed parent opened, and the row is shown selected.
    app.wait_for(&format!("{}[aria-selected=\"true\"]", row("G-CATALOG"))).await;

    // Arrows choose among several matches; Enter goes to the chosen one; from any view.
    app.click("[data-testid=nav-tasks]").await;
    app.click("[data-testid=open-search]").await;
    keys(&app, "[data-testid=search-input]", "payment").await;
    app.wait_for("[data-testid=search-hit-goal-G-PAY]").await;
    let first = app.find("#search-hits [aria-selected=\"true\"]").await;
    let first = first.attr("data-testid").await.unwrap().unwrap_or_default();
    keys(&app, "[data-testid=search-input]", ARROW_DOWN).await;
    app.eventually("arrow down moves the choice", "true", || async {
        let chosen = app.find("#search-hits [aria-selected=\"true\"]").await.attr("data-testid").await.unwrap().unwrap_or_default();
        (chosen != first).to_string()
    })
    .await;
    app.click("[data-testid=search-hit-goal-G-PAY]").await;
    app.wait_gone("[data-testid=search-palette]").await;
    app.wait_text("[data-testid=goal-key]", "G-PAY").await;
    app.wait_for(&format!("{}[aria-selected=\"true\"]", row("G-PAY"))).await;

    // Escape closes without going anywhere.
    keys(&app, &row("G-PAY"), &format!("{CTRL}f{RELEASE}")).await;
    keys(&app, "[data-testid=search-input]", "zzz-nothing").await;
    app.wait_text("[data-testid=search-nothing]", "Nothing matches “zzz-nothing”.").await;
    keys(&app, "[data-testid=search-input]", ESCAPE).await;
    app.wait_gone("[data-testid=search-palette]").await;
    assert_eq!(app.current_goal().await, "G-PAY");
    app.stop().await;
}

#[tokio::test]
async fn a_goal_dragged_onto_another_moves_there_and_ctrl_z_moves_it_back() {
    let app = demo("search-drag").await;
    assert_eq!(level(&app, "G-PRICE").await, "2");
    app.drag_onto(&row("G-PRICE"), &row("G-MKT")).await;
    app.eventually("G-PRICE under G-MKT", "3", || level(&app, "G-PRICE")).await;
    app.open_goal("G-PRICE").await;
    app.wait_text("[data-testid=goal-parent]", "G-MKT").await;

    keys(&app, &row("G-PRICE"), &format!("{CTRL}z{RELEASE}")).await;
    app.eventually("G-PRICE back under G-REV", "2", || level(&app, "G-PRICE")).await;
    app.wait_text("[data-testid=history-notice]", "Undone: goal G-PRICE moved").await;
    app.wait_text("[data-testid=goal-parent]", "G-REV").await;
    app.stop().await;
}

#[tokio::test]
async fn question_mark_opens_the_shortcut_overlay_which_lists_ctrl_f() {
    let app = demo("search-help").await;
    app.click(&row("G-REV")).await;
    keys(&app, &row("G-REV"), "?").await;
    app.wait_for("[data-testid=help-overlay]").await;
    let search = app.text("[data-testid=\"shortcut-app.search\"]").await;
    assert!(search.contains("Ctrl+F") && search.contains("Search"), "{search}");
    let help = app.text("[data-testid=\"shortcut-app.help\"]").await;
    assert!(help.contains('?') && help.contains("F1"), "{help}");
    assert!(app.count("[data-testid=help-overlay] tr").await >= 15);
    app.screenshots("1-overlay").await;
    keys(&app, "[data-testid=close-help]", ESCAPE).await;
    app.wait_gone("[data-testid=help-overlay]").await;

    // F1 and the toolbar button open it too; "?" typed into a field stays text.
    keys(&app, &row("G-REV"), F1).await;
    app.wait_for("[data-testid=help-overlay]").await;
    app.click("[data-testid=close-help]").await;
    app.wait_gone("[data-testid=help-overlay]").await;
    app.click("[data-testid=open-help]").await;
    app.wait_for("[data-testid=help-overlay]").await;
    app.click("[data-testid=close-help]").await;
    app.fill("#goal-description", "Why?").await;
    app.wait_value("#goal-description", "Why?").await;
    assert_eq!(app.count("[data-testid=help-overlay]").await, 0);
    app.stop().await;
}

/// How far the centre of node `id` is from the centre of the canvas `canvas`, in pixels
/// (x, y), once the zoom's animation has ended.
async fn off_centre(app: &App, canvas: &str, id: &str) -> (f64, f64) {
    tokio::time::sleep(std::time::Duration::from_millis(1200)).await;
    let at = app
        .client
        .execute(
            "const c = document.querySelector(arguments[0]).getBoundingClientRect();
             const n = document.querySelector(arguments[0] + ' .react-flow__node[data-id=\"' + arguments[1] + '\"]').getBoundingClientRect();
             return [Math.abs((n.left + n.right - c.left - c.right) / 2), Math.abs((n.top + n.bottom - c.top - c.bottom) / 2)];",
            vec![canvas.into(), id.into()],
        )
        .await
        .unwrap();
    (at[0].as_f64().unwrap(), at[1].as_f64().unwrap())
}

/// How many of the canvas's nodes lie (partly) outside it.
async fn nodes_outside(app: &App, canvas: &str) -> u64 {
    let outside = app
        .client
        .execute(
            "const c = document.querySelector(arguments[0]).getBoundingClientRect();
             return [...document.querySelectorAll(arguments[0] + ' .react-flow__node')].map((n) => n.getBoundingClientRect())
               .filter((n) => n.left < c.left - 1 || n.top < c.top - 1 || n.right > c.right + 1 || n.bottom > c.bottom + 1).length;",
            vec![canvas.into()],
        )
        .await
        .unwrap();
    outside.as_u64().unwrap()
}

#[tokio::test]
async fn a_search_hit_and_a_find_bring_the_node_to_the_middle_of_the_canvas_and_flash_it() {
    let app = demo("find-zoom").await;
    app.click("[data-testid=goals-as-graph]").await;
    app.wait_for("[data-testid=goal-graph] .react-flow__node[data-id=\"G-CATALOG\"]").await;

    // The search palette on the goal graph: the hit is centred, zoomed to and flashed.
    app.click("[data-testid=open-search]").await;
    keys(&app, "[data-testid=search-input]", "product catal").await;
    app.wait_for("[data-testid=search-hit-goal-G-CATALOG]").await;
    keys(&app, "[data-testid=search-input]", ENTER).await;
    app.wait_for("[data-testid=goal-graph] .react-flow__node.flash[data-id=\"G-CATALOG\"]").await;
    let (dx, dy) = off_centre(&app, "[data-testid=goal-graph]", "G-CATALOG").await;
    assert!(dx < 30.0 && dy < 30.0, "G-CATALOG is {dx} px, {dy} px from the middle of the graph");
    app.screenshots("1-goal-graph").await;
    // Zoomed in on one goal, others are out of view; Fit view brings every one back.
    let graph = "[data-testid=goal-graph]";
    assert!(nodes_outside(&app, graph).await > 0, "zoomed in on G-CATALOG, some goals are out of view");
    app.click(&format!("{graph} .react-flow__controls-fitview")).await;
    app.eventually("every goal in view after Fit view", "0", || async { nodes_outside(&app, graph).await.to_string() }).await;

    // Find on a plan canvas: Enter goes from one matching step to the next.
    app.click("[data-testid=nav-plans]").await;
    app.click("[data-testid=plan-list] [data-key=\"P-STORE\"]").await;
    app.wait_for("[data-testid=plan-graph] .react-flow__node[data-id=\"S1\"]").await;
    // The plan's checks and totals arrive after the drawing: let the view settle first.
    app.eventually("the plan's totals", "true", || async { app.text("[data-testid=plan-totals]").await.contains("10 steps").to_string() }).await;
    keys(&app, "[data-testid=find-step]", "zebra").await;
    keys(&app, "[data-testid=find-step]", ENTER).await;
    app.wait_text("[data-testid=find-step-status]", "no step matches").await;
    app.fill("[data-testid=find-step]", "S2").await;
    keys(&app, "[data-testid=find-step]", ENTER).await;
    app.wait_for("[data-testid=plan-graph] .react-flow__node.flash[data-id=\"S2\"]").await;
    let status = app.text("[data-testid=find-step-status]").await;
    assert!(status.starts_with("S2 (1 of "), "{status}");
    let (dx, dy) = off_centre(&app, "[data-testid=plan-graph]", "S2").await;
    assert!(dx < 30.0 && dy < 30.0, "S2 is {dx} px, {dy} px from the middle of the plan canvas");
    app.screenshots("2-plan-step").await;
    app.stop().await;
}

#[tokio::test]
async fn ctrl_k_runs_any_command_by_name_and_still_finds_goals() {
    let app = demo("command-palette").await;
    keys(&app, &row("G-REV"), &format!("{CTRL}k{RELEASE}")).await;
    app.wait_for("[data-testid=search-palette]").await;
    // Every command is listed before anything is typed.
    app.wait_for("[data-testid=\"command-go.broker\"]").await;
    assert!(app.count("[data-testid=search-palette] [role=option]").await >= 12);
    keys(&app, "[data-testid=search-input]", "brok").await;
    app.wait_for("[data-testid=\"command-go.broker\"][aria-selected=true]").await;
    app.screenshots("1-commands").await;
    keys(&app, "[data-testid=search-input]", ENTER).await;
    app.wait_gone("[data-testid=search-palette]").await;
    app.wait_for("[data-testid=broker]").await;

    // The theme, by name.
    keys(&app, "[data-testid=broker-url]", &format!("{CTRL}k{RELEASE}")).await;
    keys(&app, "[data-testid=search-input]", "theme dark").await;
    app.wait_for("[data-testid=\"command-theme.dark\"][aria-selected=true]").await;
    keys(&app, "[data-testid=search-input]", ENTER).await;
    app.wait_value("[data-testid=theme]", "dark").await;

    // No command matches: the search's hits are there, and Enter shows the goal.
    keys(&app, "[data-testid=broker-url]", &format!("{CTRL}k{RELEASE}")).await;
    keys(&app, "[data-testid=search-input]", "product catal").await;
    app.wait_for("[data-testid=search-hit-goal-G-CATALOG][aria-selected=true]").await;
    assert_eq!(app.count("[data-testid^=command-]").await, 0);
    keys(&app, "[data-testid=search-input]", ENTER).await;
    app.wait_text("[data-testid=goal-key]", "G-CATALOG").await;
    app.stop().await;
}
