//! Starts the real app under tauri-driver for one test, with its own data folders and
//! database, and offers the few gestures the tests need (click, type, wait, screenshot).
#![allow(dead_code)]

use fantoccini::actions::{Actions, InputSource, KeyAction, KeyActions, MouseActions, PointerAction, MOUSE_BUTTON_LEFT};
use fantoccini::elements::Element;
use fantoccini::wd::Capabilities;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// tauri-driver's ports are fixed: one session at a time, whatever the test threads.
static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

const WAIT: Duration = Duration::from_secs(15);

/// Key codes of the WebDriver protocol.
pub const CTRL: &str = "\u{E009}";
pub const SHIFT: &str = "\u{E008}";
pub const RELEASE: &str = "\u{E000}";
pub const BACKSPACE: &str = "\u{E003}";

/// The repository, from the manifest folder cargo reports when it runs the test (the
/// compile-time one goes stale when two checkouts share a target folder).
fn repo() -> PathBuf {
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from).unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    manifest.parent().map(Path::to_owned).expect("e2e/ sits in the repository")
}

/// The built app: `$MABOS_PLANNER_APP`, else `<target>/debug/mabos-planner`.
fn application() -> PathBuf {
    if let Some(path) = std::env::var_os("MABOS_PLANNER_APP") {
        return PathBuf::from(path);
    }
    let target = std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| repo().join("target"));
    target.join("debug").join("mabos-planner")
}

fn tauri_driver() -> PathBuf {
    if let Some(path) = std::env::var_os("TAURI_DRIVER") {
        return PathBuf::from(path);
    }
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(std::env::var_os("HOME").expect("HOME is set")).join(".cargo"));
    let installed = cargo_home.join("bin").join("tauri-driver");
    if installed.exists() {
        installed
    } else {
        PathBuf::from("tauri-driver")
    }
}

/// The CLI: `$MABOS_PLANNER_CLI`, else `<target>/debug/mabos-planner-cli`.
fn cli() -> PathBuf {
    if let Some(path) = std::env::var_os("MABOS_PLANNER_CLI") {
        return PathBuf::from(path);
    }
    application().with_file_name("mabos-planner-cli")
}

/// `mabos-planner-cli --db DB ARGS`: its standard output; fails the test when it fails.
pub fn run_cli(db: &Path, args: &[&str]) -> String {
    let out = Command::new(cli()).arg("--db").arg(db).args(args).output().expect("the CLI runs (scripts/e2e.sh builds it)");
    assert!(out.status.success(), "mabos-planner-cli {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// The pointer's moves between two drag steps: short, as a hand's.
const DRAG_STEP: Option<Duration> = Some(Duration::from_millis(40));

/// Presses on `source` and moves a little, past dnd-kit's activation distance: the drag
/// has started and the lifted card shows.
pub fn lift(source: &Element) -> MouseActions {
    let mut mouse = MouseActions::new("mouse".into())
        .then(PointerAction::MoveToElement { element: source.clone(), duration: DRAG_STEP, x: 0.0, y: 0.0 })
        .then(PointerAction::Down { button: MOUSE_BUTTON_LEFT });
    for (dx, dy) in [(4.0, 0.0), (10.0, 4.0), (20.0, 8.0)] {
        mouse = mouse.then(PointerAction::MoveToElement { element: source.clone(), duration: DRAG_STEP, x: dx, y: dy });
    }
    mouse
}

/// Carries what `mouse` holds onto `target` in a few moves (the button still down).
pub fn carry_onto(mut mouse: MouseActions, target: &Element) -> MouseActions {
    for _ in 0..3 {
        mouse = mouse.then(PointerAction::MoveToElement { element: target.clone(), duration: DRAG_STEP, x: 0.0, y: 0.0 });
    }
    mouse
}

/// Imports `workspace` into a new database at `db` with the CLI, as a user could.
fn seed(db: &Path, file: &Path, workspace: &str) {
    std::fs::write(file, workspace).unwrap();
    let cli = cli();
    let out = Command::new(&cli).arg("--db").arg(db).arg("import").arg(file).output().unwrap_or_else(|e| panic!("{} runs: {e}", cli.display()));
    assert!(out.status.success(), "seeding failed: {}", String::from_utf8_lossy(&out.stderr));
}

/// tauri-driver, stopped with SIGTERM on drop so that it stops WebKitWebDriver and the
/// app too (SIGKILL would leave them running).
struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        // SAFETY: kill(2) with a pid we spawned and have not reaped yet.
        unsafe {
            libc::kill(self.0.id() as libc::pid_t, libc::SIGTERM);
        }
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.0.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        eprintln!("tauri-driver did not stop within 10 s of SIGTERM");
    }
}

/// One running app with a fresh, empty workspace.
pub struct App {
    pub client: Client,
    pub name: &'static str,
    /// When the WebDriver session (and with it the app process) was asked for.
    pub launched: Instant,
    /// The app's database file.
    pub database: PathBuf,
    // Dropped in this order: the session first, then the driver, then the folders.
    driver: Option<Driver>,
    _dir: tempfile::TempDir,
    _turn: tokio::sync::MutexGuard<'static, ()>,
}

impl App {
    pub async fn start(name: &'static str) -> App {
        App::start_with(name, |_| {}).await
    }

    /// Starts on an empty workspace and loads the demo from the first-start page, as a
    /// new user would; returns once the goal tree shows it.
    pub async fn start_demo(name: &'static str) -> App {
        let app = App::start(name).await;
        app.click("[data-testid=load-demo]").await;
        app.wait_for("[data-testid=goal-tree]").await;
        app
    }

    /// Starts on a workspace imported (through the CLI) from `workspace`, a JSON export.
    pub async fn start_seeded(name: &'static str, workspace: &str) -> App {
        App::start_with(name, |db| seed(db, &db.with_file_name("seed.json"), workspace)).await
    }

    /// Starts the app after `prepare` has had the database path, e.g. to fill it.
    pub async fn start_with(name: &'static str, prepare: impl FnOnce(&Path)) -> App {
        let turn = ONE_AT_A_TIME.lock().await;
        let app = application();
        assert!(app.exists(), "{} is missing: build it first (scripts/e2e.sh does)", app.display());
        assert!(TcpStream::connect("127.0.0.1:4444").is_err(), "something already listens on 127.0.0.1:4444");
        let dir = tempfile::tempdir().unwrap();
        for sub in ["data", "cache", "config"] {
            std::fs::create_dir_all(dir.path().join(sub)).unwrap();
        }
        let database = dir.path().join("planner.db");
        prepare(&database);
        let child = Command::new(tauri_driver())
            .env("XDG_DATA_HOME", dir.path().join("data"))
            .env("XDG_CACHE_HOME", dir.path().join("cache"))
            .env("XDG_CONFIG_HOME", dir.path().join("config"))
            .env("MABOS_PLANNER_DB", &database)
            // Native dialogs take their answers from this file (see answer_dialog).
            .env("MABOS_PLANNER_DIALOG_ANSWERS", dir.path().join("dialog-answers"))
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("tauri-driver runs (cargo install tauri-driver --locked --version ^2)");
        let driver = Driver(child);
        // tauri-driver listens on 4444 and forwards to WebKitWebDriver on 4445, which it
        // starts itself: both must be up before a session can be made.
        let deadline = Instant::now() + WAIT;
        for port in ["127.0.0.1:4444", "127.0.0.1:4445"] {
            while TcpStream::connect(port).is_err() {
                assert!(Instant::now() < deadline, "nothing listens on {port}: is tauri-driver (and WebKitWebDriver) installed?");
                std::thread::sleep(Duration::from_millis(50));
            }
        }
        let mut caps = Capabilities::new();
        caps.insert("browserName".into(), "wry".into());
        caps.insert("tauri:options".into(), serde_json::json!({ "application": app }));
        let mut builder = ClientBuilder::new(HttpConnector::new());
        builder.capabilities(caps);
        // On a loaded machine the first request can still find the drivers half ready.
        let mut attempt = 1;
        let mut launched: Instant;
        let client = loop {
            launched = Instant::now();
            match builder.connect("http://127.0.0.1:4444").await {
                Ok(client) => break client,
                Err(e) if attempt < 5 => {
                    eprintln!("no WebDriver session yet (attempt {attempt}): {e}");
                    attempt += 1;
                    tokio::time::sleep(Duration::from_secs(1)).await;
                }
                Err(e) => panic!("no WebDriver session on the app: {e}"),
            }
        };
        let app = App { client, name, launched, database, driver: Some(driver), _dir: dir, _turn: turn };
        app.wait_for("#root > .app").await;
        // A dev build would load the dev server instead of the bundled UI.
        let url = app.client.current_url().await.unwrap();
        assert_eq!(url.scheme(), "tauri", "the app must serve ui/dist (built with custom-protocol), not {url}");
        app
    }

    /// What the next native dialog answers: this file, or cancel for `None`. WebDriver
    /// cannot drive a native dialog; the app reads the answers the tests queue here.
    pub fn answer_dialog(&self, path: Option<&Path>) {
        use std::io::Write;
        let answers = self._dir.path().join("dialog-answers");
        let mut file = std::fs::OpenOptions::new().create(true).append(true).open(answers).unwrap();
        writeln!(file, "{}", path.map(|p| p.display().to_string()).unwrap_or_default()).unwrap();
    }

    /// The test's own folder (the database lives in it): a place for files to export and import.
    pub fn scratch(&self) -> &Path {
        self._dir.path()
    }

    /// `mabos-planner-cli ARGS` on the app's database, as a user in a terminal: its
    /// standard output; fails the test when the command fails.
    pub fn cli(&self, args: &[&str]) -> String {
        run_cli(&self.database(), args)
    }

    /// The app's database file, for the CLI to read the same workspace.
    pub fn database(&self) -> PathBuf {
        self._dir.path().join("planner.db")
    }

    /// Calls an IPC command of the app as its UI does (the page's Tauri bridge), for
    /// gestures whose UI goes through a native dialog that WebDriver cannot drive:
    /// the test passes the path the dialog would have given. `Ok` with the command's
    /// value, `Err` with what it rejected with.
    pub async fn invoke(&self, command: &str, args: serde_json::Value) -> Result<serde_json::Value, serde_json::Value> {
        let outcome = self
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 window.__TAURI_INTERNALS__.invoke(arguments[0], arguments[1])
                   .then((value) => done({ ok: value ?? null }), (error) => done({ err: error }));",
                vec![command.into(), args],
            )
            .await
            .unwrap_or_else(|e| panic!("cannot call {command}: {e}"));
        match outcome.get("ok") {
            Some(value) => Ok(value.clone()),
            None => Err(outcome.get("err").cloned().unwrap_or_default()),
        }
    }

    /// Drags the element `from` onto `to` with the pointer, in small steps as a hand
    /// would (pointer-event drag and drop: native HTML5 drag and drop cannot be driven).
    pub async fn drag(&self, from: &str, to: &str) {
        let source = self.wait_for(from).await;
        self.reveal(from).await;
        let target = self.wait_for(to).await;
        // Both must be in the viewport: bring the target column in sideways, then the card.
        self.client
            .execute(
                "document.querySelector(arguments[1]).scrollIntoView({ block: 'nearest', inline: 'nearest' });
                 document.querySelector(arguments[0]).scrollIntoView({ block: 'nearest', inline: 'nearest' });",
                vec![from.into(), to.into()],
            )
            .await
            .unwrap();
        // Past the activation distance first, then towards the target in several moves.
        let mouse = carry_onto(lift(&source), &target).then(PointerAction::Up { button: MOUSE_BUTTON_LEFT });
        self.client.perform_actions(mouse).await.unwrap_or_else(|e| panic!("cannot drag {from} to {to}: {e}"));
        self.client.release_actions().await.unwrap();
    }

    pub async fn stop(mut self) {
        let client = self.client.clone();
        let _ = client.close().await;
        self.driver.take();
    }

    /// The element, once it exists. Polls by hand: React may replace the node between
    /// WebKitWebDriver finding it and handing it out ("stale element"), so any error but
    /// the deadline means "try again".
    pub async fn wait_for(&self, css: &str) -> Element {
        let deadline = Instant::now() + WAIT;
        loop {
            match self.client.find(Locator::Css(css)).await {
                Ok(element) => return element,
                Err(e) if Instant::now() >= deadline => {
                    self.failure_screenshot().await;
                    panic!("no element {css}: {e}");
                }
                Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
            }
        }
    }

    pub async fn find(&self, css: &str) -> Element {
        self.client.find(Locator::Css(css)).await.unwrap_or_else(|e| panic!("no element {css}: {e}"))
    }

    pub async fn count(&self, css: &str) -> usize {
        // WebKitWebDriver can report an element it is listing as stale while the canvas
        // redraws it: ask again.
        for _ in 0..20 {
            if let Ok(found) = self.client.find_all(Locator::Css(css)).await {
                return found.len();
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        self.client.find_all(Locator::Css(css)).await.unwrap_or_else(|e| panic!("cannot list {css}: {e}")).len()
    }

    pub async fn click(&self, css: &str) {
        let element = self.wait_for(css).await;
        self.reveal(css).await;
        element.click().await.unwrap_or_else(|e| panic!("cannot click {css}: {e}"));
    }

    /// Scrolls the element to the middle of its scroll box, clear of sticky bars (WebDriver
    /// scrolls only as far as the edge, where the editor's save bar covers it).
    async fn reveal(&self, css: &str) {
        self.client
            .execute("document.querySelector(arguments[0]).scrollIntoView({ block: 'center' });", vec![css.into()])
            .await
            .unwrap();
    }

    /// Replaces the text of an input as a person would: select all, delete, type.
    pub async fn fill(&self, css: &str, text: &str) {
        let input = self.wait_for(css).await;
        self.reveal(css).await;
        input.click().await.unwrap();
        // Separate calls: WebKitWebDriver drops what follows a released modifier in one call.
        input.send_keys(&format!("{CTRL}a{RELEASE}")).await.unwrap();
        input.send_keys(BACKSPACE).await.unwrap();
        if !text.is_empty() {
            input.send_keys(text).await.unwrap();
        }
    }

    pub async fn select(&self, css: &str, value: &str) {
        let element = self.wait_for(css).await;
        self.reveal(css).await;
        element.select_by_value(value).await.unwrap_or_else(|e| panic!("cannot pick {value} in {css}: {e}"));
    }

    pub async fn value(&self, css: &str) -> String {
        self.wait_for(css).await.prop("value").await.unwrap().unwrap_or_default()
    }

    /// The element's rendered text. Read through the DOM: WebKitWebDriver's own "element
    /// text" is empty for text clipped with `text-overflow: ellipsis`.
    pub async fn text(&self, css: &str) -> String {
        self.wait_for(css).await;
        self.text_now(css).await.unwrap_or_default()
    }

    async fn text_now(&self, css: &str) -> Option<String> {
        let text = self
            .client
            .execute("const e = document.querySelector(arguments[0]); return e ? e.innerText.trim() : null;", vec![css.into()])
            .await
            .unwrap();
        text.as_str().map(str::to_owned)
    }

    /// Waits until `read` gives `expected`, then returns; panics with the last value seen.
    pub async fn eventually<F, Fut>(&self, what: &str, expected: &str, read: F)
    where
        F: Fn() -> Fut,
        Fut: std::future::Future<Output = String>,
    {
        let deadline = Instant::now() + WAIT;
        loop {
            let seen = read().await;
            if seen == expected {
                return;
            }
            if Instant::now() >= deadline {
                self.failure_screenshot().await;
                panic!("{what}: expected {expected:?}, still {seen:?}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub async fn wait_value(&self, css: &str, expected: &str) {
        self.eventually(css, expected, || self.value(css)).await;
    }

    pub async fn wait_text(&self, css: &str, expected: &str) {
        self.eventually(css, expected, || async { self.text_now(css).await.unwrap_or_else(|| "<absent>".into()) }).await;
    }

    pub async fn wait_gone(&self, css: &str) {
        self.eventually(css, "0", || async { self.count(css).await.to_string() }).await;
    }

    /// What the window showed when a wait gave up, for the one reading the failure.
    pub async fn failure_screenshot(&self) {
        let dir = std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| repo().join("target")).join("e2e-failures");
        let _ = std::fs::create_dir_all(&dir);
        if let Ok(png) = self.client.screenshot().await {
            let path = dir.join(format!("{}.png", self.name));
            let _ = std::fs::write(&path, png);
            eprintln!("screenshot of the failure: {}", path.display());
        }
    }

    /// Saves `docs/screenshots/<test>-<step>-light.png` and `-dark.png` (the theme
    /// switched through the app's own setting, then set back to follow the system).
    pub async fn screenshots(&self, step: &str) {
        let dir = repo().join("docs").join("screenshots");
        std::fs::create_dir_all(&dir).unwrap();
        for theme in ["light", "dark"] {
            self.set_theme(theme).await;
            // Screenshots can lag the DOM by a few hundred milliseconds.
            tokio::time::sleep(Duration::from_millis(700)).await;
            let png = self.client.screenshot().await.unwrap();
            std::fs::write(dir.join(format!("{}-{step}-{theme}.png", self.name)), png).unwrap();
        }
        self.set_theme("system").await;
    }

    async fn set_theme(&self, theme: &str) {
        // Through the DOM rather than by clicking the select: the choice must not move focus.
        self.client
            .execute(
                "const s = document.querySelector('[data-testid=theme]');
                 const set = Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value').set;
                 set.call(s, arguments[0]);
                 s.dispatchEvent(new Event('change', { bubbles: true }));",
                vec![serde_json::json!(theme)],
            )
            .await
            .unwrap();
    }

    /// Drags one element onto another within one scroll box (a tree row onto another) with
    /// the pointer, as a person would: press, a few short moves (past dnd-kit's activation
    /// distance), the move across, a pause over the target, release.
    pub async fn drag_onto(&self, from_css: &str, to_css: &str) {
        let from = self.wait_for(from_css).await;
        let to = self.wait_for(to_css).await;
        let step = |x: f64, y: f64| PointerAction::MoveBy { duration: Some(Duration::from_millis(50)), x, y };
        let mouse = MouseActions::new("mouse".into())
            .then(PointerAction::MoveToElement { element: from, duration: None, x: 0.0, y: 0.0 })
            .then(PointerAction::Down { button: MOUSE_BUTTON_LEFT })
            .then(step(0.0, 4.0))
            .then(step(0.0, 4.0))
            .then(step(0.0, 4.0))
            .then(PointerAction::MoveToElement { element: to.clone(), duration: Some(Duration::from_millis(300)), x: 0.0, y: -2.0 })
            .then(PointerAction::MoveToElement { element: to, duration: Some(Duration::from_millis(100)), x: 0.0, y: 0.0 })
            .then(PointerAction::Pause { duration: Duration::from_millis(150) })
            .then(PointerAction::Up { button: MOUSE_BUTTON_LEFT });
        self.client.perform_actions(mouse).await.unwrap_or_else(|e| panic!("cannot drag {from_css} onto {to_css}: {e}"));
        self.client.release_actions().await.unwrap();
    }

    /// Clicks the element while holding `key` (`CTRL` or `SHIFT`, as one char): a
    /// Ctrl-click or a Shift-click, as a hand makes it.
    pub async fn click_holding(&self, css: &str, key: &str) {
        let element = self.wait_for(css).await;
        self.reveal(css).await;
        let key = key.chars().next().expect("a key code");
        let pause = || KeyAction::Pause { duration: Duration::from_millis(30) };
        let keys = KeyActions::new("keys".into()).then(KeyAction::Down { value: key }).then(pause()).then(pause()).then(pause()).then(KeyAction::Up { value: key });
        let mouse = MouseActions::new("mouse".into())
            .then(PointerAction::Pause { duration: Duration::from_millis(30) })
            .then(PointerAction::MoveToElement { element, duration: None, x: 0.0, y: 0.0 })
            .then(PointerAction::Down { button: MOUSE_BUTTON_LEFT })
            .then(PointerAction::Up { button: MOUSE_BUTTON_LEFT })
            .then(PointerAction::Pause { duration: Duration::from_millis(30) });
        self.client.perform_actions(Actions::from(keys).and(mouse)).await.unwrap_or_else(|e| panic!("cannot click {css} holding a key: {e}"));
        self.client.release_actions().await.unwrap();
    }

    /// Draws a box with the pointer from `from` to `to` (viewport coordinates), in small
    /// moves, holding `key` (`SHIFT`, say) throughout when given: a rubber-band selection.
    pub async fn drag_box(&self, from: (f64, f64), to: (f64, f64), key: Option<&str>) {
        let step = Some(Duration::from_millis(40));
        let mut mouse = MouseActions::new("mouse".into())
            .then(PointerAction::Pause { duration: Duration::from_millis(50) })
            .then(PointerAction::MoveTo { duration: None, x: from.0, y: from.1 })
            .then(PointerAction::Down { button: MOUSE_BUTTON_LEFT });
        let moves = 6;
        for i in 1..=moves {
            let f = i as f64 / moves as f64;
            mouse = mouse.then(PointerAction::MoveTo { duration: step, x: from.0 + (to.0 - from.0) * f, y: from.1 + (to.1 - from.1) * f });
        }
        mouse = mouse.then(PointerAction::Up { button: MOUSE_BUTTON_LEFT }).then(PointerAction::Pause { duration: Duration::from_millis(50) });
        let actions = match key.and_then(|k| k.chars().next()) {
            Some(key) => {
                let mut keys = KeyActions::new("keys".into()).then(KeyAction::Down { value: key });
                for _ in 0..moves + 3 {
                    keys = keys.then(KeyAction::Pause { duration: Duration::from_millis(40) });
                }
                Actions::from(keys.then(KeyAction::Up { value: key })).and(mouse)
            }
            None => Actions::from(mouse),
        };
        self.client.perform_actions(actions).await.unwrap_or_else(|e| panic!("cannot draw a box: {e}"));
        self.client.release_actions().await.unwrap();
    }

    /// The element's rectangle in the viewport: left, top, right, bottom.
    pub async fn rect(&self, css: &str) -> (f64, f64, f64, f64) {
        self.wait_for(css).await;
        let r = self
            .client
            .execute("const r = document.querySelector(arguments[0]).getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom];", vec![css.into()])
            .await
            .unwrap();
        let n = |i: usize| r[i].as_f64().unwrap();
        (n(0), n(1), n(2), n(3))
    }

    /// The whole workspace as the CLI exports it, parsed, without its time of export:
    /// equal before and after means nothing changed.
    pub fn workspace_json(&self) -> serde_json::Value {
        let mut doc: serde_json::Value = serde_json::from_str(&self.cli(&["export", "workspace"])).expect("the export is JSON");
        doc.as_object_mut().unwrap().remove("exported_at");
        doc
    }

    /// Scrolls the goal editor back to its top (its title), e.g. before a screenshot.
    pub async fn editor_to_top(&self) {
        self.client.execute("document.querySelector('.editor-body')?.scrollTo(0, 0);", vec![]).await.unwrap();
    }

    /// Picks `key` in a goal picker (`data-testid` = `test_id`): types the key, clicks its match.
    pub async fn pick_goal(&self, test_id: &str, key: &str) {
        self.fill(&format!("[data-testid={test_id}]"), key).await;
        self.click(&format!("[data-testid={test_id}-option-{key}]")).await;
    }

    /// Selects a goal in the tree by its key and waits for its editor.
    pub async fn open_goal(&self, key: &str) {
        let row = format!("[data-testid=goal-tree] [data-key=\"{key}\"]");
        // A row the tree is redrawing (just after a move) may lose the click with its
        // element: click the row found afresh until the editor shows the goal.
        for _ in 0..3 {
            self.click(&row).await;
            let deadline = Instant::now() + Duration::from_secs(3);
            while Instant::now() < deadline {
                if self.text_now("[data-testid=goal-key]").await.as_deref() == Some(key) {
                    return;
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }
        self.wait_text("[data-testid=goal-key]", key).await;
    }

    /// The key of the goal in the editor.
    pub async fn current_goal(&self) -> String {
        self.text("[data-testid=goal-key]").await
    }

    /// Saves the editor and waits until the save went through.
    pub async fn save(&self) {
        self.click("[data-testid=save-goal]").await;
        self.wait_text("[data-testid=save-state]", "All changes saved").await;
    }
}

/// A workspace (JSON export) with one goal, two actions and the plan `P-BIG` of `steps`
/// steps like a generated one: each step after the first follows one or two of the twenty
/// steps before it (1,285 edges at 1,000 steps). For the big-plan test and benchmarks.
pub fn big_plan_workspace(steps: usize) -> String {
    use serde_json::json;
    let keys: Vec<serde_json::Value> = (1..=steps).map(|i| json!({ "key": format!("S{i}"), "action": if i % 2 == 0 { "A-1" } else { "A-2" } })).collect();
    let mut edges = Vec::new();
    for i in 2..=steps {
        let back = [1 + (i * 7) % 20, 1 + (i * 13) % 20];
        for (k, b) in back.iter().enumerate() {
            if k == 1 && (i % 3 != 0 || back[0] == back[1]) {
                continue;
            }
            if *b < i {
                edges.push(json!({ "before": format!("S{}", i - b), "after": format!("S{i}") }));
            }
        }
    }
    json!({
        "format": "mabos-planner", "version": 1, "kind": "workspace",
        "exported_at": "2026-01-01T00:00:00Z", "generator": "e2e",
        "goals": [{
            "key": "G-1", "title": "Scale up", "status": "active", "priority": 5, "kind": "hard",
            "mode": "achieve", "refinement": "and", "parent": null, "depends_on": [],
        }],
        "actions": [
            { "key": "A-1", "name": "Pack", "cost": 1.0, "duration": 1.0 },
            { "key": "A-2", "name": "Ship", "cost": 2.0, "duration": 0.5 },
        ],
        "plans": [{ "key": "P-BIG", "goal": "G-1", "title": format!("{steps} steps"), "status": "draft", "priority": 5, "steps": keys, "edges": edges }],
    })
    .to_string()
}

/// Waits until the plan canvas has measured its first frame of a new drawing, and
/// returns its measures (ms): `[layout in Rust + IPC, render, request to first frame]`.
pub async fn plan_graph_timing(app: &App) -> [f64; 3] {
    let read = || async {
        let v = app
            .client
            .execute(
                "const m = (n) => performance.getEntriesByName(n)[0]?.duration ?? null;
                 return [m('plan-graph:layout'), m('plan-graph:render'), m('plan-graph:shown')];",
                vec![],
            )
            .await
            .unwrap();
        let all: Vec<Option<f64>> = v.as_array().unwrap().iter().map(|x| x.as_f64()).collect();
        match all[..] {
            [Some(a), Some(b), Some(c)] => Some([a, b, c]),
            _ => None,
        }
    };
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if let Some(found) = read().await {
            return found;
        }
        assert!(Instant::now() < deadline, "the plan canvas never marked its first frame");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// A gripper problem (PDDL, for tests/data/pddl/gripper-domain.pddl) with `balls` balls in
/// room A to carry to room B: short to write, and its state space grows as 3^balls, so A*
/// runs for minutes from about 14 balls on.
pub fn gripper_problem(balls: usize) -> String {
    let names: Vec<String> = (1..=balls).map(|i| format!("ball{i}")).collect();
    let init: Vec<String> = names.iter().map(|b| format!("(ball {b}) (at {b} rooma)")).collect();
    let goal: Vec<String> = names.iter().map(|b| format!("(at {b} roomb)")).collect();
    format!(
        "(define (problem gripper-{balls}) (:domain gripper-strips)\n (:objects rooma roomb left right {})\n (:init (room rooma) (room roomb) (gripper left) (gripper right) (at-robby rooma) (free left) (free right) {})\n (:goal (and {})))\n",
        names.join(" "),
        init.join(" "),
        goal.join(" ")
    )
}
