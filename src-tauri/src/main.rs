//! MABOS Planner, the desktop app: a Tauri 2 window over the `mabos-planner` core.
//! The window shows the React front end from ui/dist; everything it does goes through
//! the commands in `commands/` (one list, registered by [`commands::handler`]), which
//! call the core on the store in `db`.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod broker;
mod commands;
mod dialogs;
mod db;
mod error;
mod logging;
mod menu;
mod recent;
mod searches;
mod watch;

use menu::MenuEvent;
use tauri::{AppHandle, Manager, Wry};

fn main() {
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        // The window opens where and as large as it was when it closed.
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .menu(|app| menu::build(app, &[]))
        .on_menu_event(|app, event| on_menu_event(app, event.id().as_ref()))
        .setup(|app| {
            if let Ok(dir) = app.path().app_log_dir() {
                if let Some(guard) = logging::init(&dir) {
                    app.manage(guard);
                }
            }
            tracing::info!(version = env!("CARGO_PKG_VERSION"), "MABOS Planner starting");
            let database = mabos_planner::paths::default_database_path();
            app.manage(db::Db::open(database.clone()));
            let recent = recent::Recent::load(app.path().app_config_dir().ok().map(|dir| dir.join("recent.json")));
            recent.opened(&database);
            app.manage(recent);
            menu::refresh(app.handle());
            app.manage(searches::Searches::default());
            let broker = broker::Broker::load(app.path().app_config_dir().ok().map(|dir| dir.join("broker.json")));
            // Connected when the app last closed: connect again.
            if broker.settings().connect_at_start {
                let database = app.state::<db::Db>().path();
                if let Err(e) = broker.connect(&broker.settings().url, &database) {
                    tracing::warn!(error = %e.message, "cannot reconnect the broker");
                }
            }
            app.manage(broker);
            watch::start(app.handle().clone());
            Ok(())
        })
        .invoke_handler(commands::handler())
        .run(tauri::generate_context!("../tauri.conf.json"))
        .expect("error while running MABOS Planner");
}

fn on_menu_event(app: &AppHandle<Wry>, id: &str) {
    match MenuEvent::of(id) {
        Some(MenuEvent::Quit) => app.exit(0),
        Some(MenuEvent::OpenRecent(index)) => {
            let app = app.clone();
            tauri::async_runtime::spawn(async move {
                if let Err(e) = commands::files::open_recent_at(&app, index).await {
                    tracing::warn!(error = %e.message, "cannot open the recent database");
                }
            });
        }
        Some(MenuEvent::Command(command)) => menu::emit(app, command),
        None => tracing::warn!(id, "unknown menu item"),
    }
}
