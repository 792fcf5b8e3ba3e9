//! The window's native File menu. Each item is handed to the UI as a [`MenuCommand`]
//! event: the UI runs the same code as its own buttons (dialogs, commands, messages),
//! so that a menu item and a button never behave differently. Quit and Open recent (a
//! path the page never sees) are the shell's own (main.rs).

use crate::recent::Recent;
use serde::Serialize;
use std::path::PathBuf;
use tauri::menu::{Menu, MenuBuilder, MenuItemBuilder, SubmenuBuilder};
use tauri::{AppHandle, Emitter, Manager, Runtime, Wry};

/// The event the UI listens to for menu items.
pub const MENU_COMMAND: &str = "menu-command";

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum MenuCommand {
    NewDatabase,
    OpenDatabase,
    ImportJson,
    ImportPddl,
    ImportTasksCsv,
    ExportPlan,
    ExportWorkspace,
    ExportTasksCsv,
    ExportPlanReport,
    Undo,
    Redo,
}

impl MenuCommand {
    const ALL: [MenuCommand; 11] = [
        MenuCommand::NewDatabase,
        MenuCommand::OpenDatabase,
        MenuCommand::ImportJson,
        MenuCommand::ImportPddl,
        MenuCommand::ImportTasksCsv,
        MenuCommand::ExportPlan,
        MenuCommand::ExportWorkspace,
        MenuCommand::ExportTasksCsv,
        MenuCommand::ExportPlanReport,
        MenuCommand::Undo,
        MenuCommand::Redo,
    ];

    fn id(self) -> &'static str {
        match self {
            MenuCommand::NewDatabase => "new_database",
            MenuCommand::OpenDatabase => "open_database",
            MenuCommand::ImportJson => "import_json",
            MenuCommand::ImportPddl => "import_pddl",
            MenuCommand::ImportTasksCsv => "import_tasks_csv",
            MenuCommand::ExportTasksCsv => "export_tasks_csv",
            MenuCommand::ExportPlan => "export_plan",
            MenuCommand::ExportWorkspace => "export_workspace",
            MenuCommand::ExportPlanReport => "export_plan_report",
            MenuCommand::Undo => "undo",
            MenuCommand::Redo => "redo",
        }
    }
}

const QUIT: &str = "quit";
/// Items of Open recent are `recent:<index>` into the list the menu was built from.
const RECENT: &str = "recent:";

/// The File menu, with `recent` (newest first) under Open recent.
pub fn build<R: Runtime>(app: &AppHandle<R>, recent: &[PathBuf]) -> tauri::Result<Menu<R>> {
    let item = |command: MenuCommand, label: &str, accelerator: Option<&str>| {
        let mut b = MenuItemBuilder::with_id(command.id(), label);
        if let Some(a) = accelerator {
            b = b.accelerator(a);
        }
        b.build(app)
    };
    // Undo and Redo carry no accelerator: a menu accelerator would take Ctrl+Z from the
    // text fields, which keep their own; the window handles the keys outside them.
    let mut open_recent = SubmenuBuilder::new(app, "Open recent");
    for (i, path) in recent.iter().enumerate() {
        open_recent = open_recent.item(&MenuItemBuilder::with_id(format!("{RECENT}{i}"), path.display().to_string()).build(app)?);
    }
    let open_recent = open_recent.enabled(!recent.is_empty()).build()?;
    let file = SubmenuBuilder::new(app, "File")
        .item(&item(MenuCommand::NewDatabase, "New database…", Some("CmdOrCtrl+N"))?)
        .item(&item(MenuCommand::OpenDatabase, "Open database…", Some("CmdOrCtrl+O"))?)
        .item(&open_recent)
        .separator()
        .item(&item(MenuCommand::ImportJson, "Import JSON…", None)?)
        .item(&item(MenuCommand::ImportPddl, "Import PDDL domain and problem…", None)?)
        .item(&item(MenuCommand::ImportTasksCsv, "Import tasks from CSV…", None)?)
        .item(&item(MenuCommand::ExportPlan, "Export plan…", None)?)
        .item(&item(MenuCommand::ExportWorkspace, "Export workspace…", None)?)
        .item(&item(MenuCommand::ExportTasksCsv, "Export tasks as CSV…", None)?)
        .item(&item(MenuCommand::ExportPlanReport, "Export plan as HTML report…", None)?)
        .separator()
        .item(&item(MenuCommand::Undo, "Undo", None)?)
        .item(&item(MenuCommand::Redo, "Redo", None)?)
        .separator()
        .item(&MenuItemBuilder::with_id(QUIT, "Quit").accelerator("CmdOrCtrl+Q").build(app)?)
        .build()?;
    MenuBuilder::new(app).item(&file).build()
}

/// Rebuilds the menu after the recent list changed.
pub fn refresh(app: &AppHandle) {
    let recent = app.try_state::<Recent>().map(|r| r.existing()).unwrap_or_default();
    if let Err(e) = build(app, &recent).and_then(|menu| app.set_menu(menu)) {
        tracing::warn!(error = %e, "cannot rebuild the menu");
    }
}

/// What a click on a menu item asks for.
#[derive(Debug, PartialEq)]
pub enum MenuEvent {
    Quit,
    /// Entry `index` of the Open recent list.
    OpenRecent(usize),
    /// An item the UI runs, as it runs its own button.
    Command(MenuCommand),
}

impl MenuEvent {
    /// The event of the item `id`; `None` for an id this menu never made.
    pub fn of(id: &str) -> Option<MenuEvent> {
        if id == QUIT {
            return Some(MenuEvent::Quit);
        }
        if let Some(index) = id.strip_prefix(RECENT) {
            return index.parse().ok().map(MenuEvent::OpenRecent);
        }
        MenuCommand::ALL.into_iter().find(|c| c.id() == id).map(MenuEvent::Command)
    }
}

/// Hands a menu command to the UI.
pub fn emit(app: &AppHandle<Wry>, command: MenuCommand) {
    if let Err(e) = app.emit(MENU_COMMAND, command) {
        tracing::warn!(error = %e, "cannot emit {MENU_COMMAND}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_item_id_reads_back_as_its_event() {
        assert_eq!(MenuEvent::of(QUIT), Some(MenuEvent::Quit));
        assert_eq!(MenuEvent::of("recent:3"), Some(MenuEvent::OpenRecent(3)));
        for command in MenuCommand::ALL {
            assert_eq!(MenuEvent::of(command.id()), Some(MenuEvent::Command(command)));
        }
        assert_eq!(MenuEvent::of("recent:x"), None);
        assert_eq!(MenuEvent::of("recent:-1"), None);
        assert_eq!(MenuEvent::of("format_disk"), None);
    }
}
