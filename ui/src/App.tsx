import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { externalChangeNotice } from "./lib/liveNotice";
import { api, asCommandError, onDatabaseChanged, onMenuCommand, onWorkspaceChanged, type CommandError } from "./api";
import { ActionsView } from "./components/ActionsView";
import { AgentsView } from "./components/AgentsView";
import { EmptyWorkspace } from "./components/EmptyWorkspace";
import { ExportDialog, WHOLE_WORKSPACE, type ExportFormat } from "./components/ExportDialog";
import { FilePanel } from "./components/FilePanel";
import { GoalsView } from "./components/GoalsView";
import { HelpOverlay } from "./components/HelpOverlay";
import { Logo } from "./components/Logo";
import { MonitorView } from "./components/MonitorView";
import { PlansView } from "./components/PlansView";
import { TimelineView } from "./components/TimelineView";
import { SearchPalette } from "./components/SearchPalette";
import { TaskBoard } from "./components/TaskBoard";
import { useFileCommands } from "./components/useFileCommands";
import { BrokerView } from "./components/BrokerView";
import type { PlanSummary } from "./generated/PlanSummary";
import type { Entity } from "./generated/Entity";
import { FocusContext, viewOf, type Focus, type FocusApi } from "./lib/focus";
import { Invalidation, InvalidationContext, TAGS } from "./lib/invalidation";
import type { PaletteCommand } from "./lib/commands";
import { BULK_REQUESTS, requestBulk } from "./lib/bulkRequests";
import { isTyping, shortcutFor } from "./lib/shortcuts";
import { useTheme, type ThemeChoice } from "./lib/theme";

type View = "goals" | "plans" | "actions" | "agents" | "tasks" | "timeline" | "monitor" | "broker";

const VIEWS: { id: View; label: string }[] = [
  { id: "goals", label: "Goals" },
  { id: "plans", label: "Plans" },
  { id: "actions", label: "Actions" },
  { id: "agents", label: "Agents" },
  { id: "tasks", label: "Task board" },
  { id: "timeline", label: "Timeline" },
  { id: "monitor", label: "Monitor" },
  { id: "broker", label: "Broker" },
];

/** Where the last view is remembered between runs (the webview's storage, per user). */
const LAST_VIEW = "mabos-planner.view";

function rememberedView(): View {
  const stored = window.localStorage?.getItem(LAST_VIEW);
  return VIEWS.find((v) => v.id === stored)?.id ?? "goals";
}

export function App() {
  const [view, setView] = useState<View>(rememberedView);
  useEffect(() => window.localStorage?.setItem(LAST_VIEW, view), [view]);
  // What each change touched: every load reloads when one of its tags is (lib/invalidation.ts).
  const [invalidation] = useState(() => new Invalidation());
  // Moves with every change: the toolbar's undo and redo and the empty-workspace check follow.
  const anyChange = useSyncExternalStore(invalidation.subscribe, () => invalidation.version(TAGS));
  const [empty, setEmpty] = useState<boolean | null>(null);
  const [history, setHistory] = useState({ canUndo: false, canRedo: false });
  const [problem, setProblem] = useState<CommandError | null>(null);
  // What the last undo or redo did, e.g. "Undone: goal G-2 updated".
  const [notice, setNotice] = useState("");
  const [dbPath, setDbPath] = useState("");
  // Databases opened lately (File → Open recent), newest first: the open one among them.
  const [recent, setRecent] = useState<string[]>([]);
  const [theme, setTheme] = useTheme();
  const [newGoalRequest, setNewGoalRequest] = useState(0);
  // Bumped when another database file opens: every view starts over.
  const [epoch, setEpoch] = useState(0);
  // The export dialog, with the plans to offer and what is chosen first.
  const [exporting, setExporting] = useState<{ plans: PlanSummary[]; initial: string; format: ExportFormat } | null>(null);
  const files = useFileCommands(setProblem);
  // The search palette and the shortcut overlay (Ctrl+F, ? or F1).
  const [overlay, setOverlay] = useState<"search" | "commands" | "help" | null>(null);
  const [focus, setFocus] = useState<Focus | null>(null);

  // The one way to show an entity: its view, with it selected (see lib/focus.ts).
  const jumpTo = useCallback((kind: Entity, key: string) => {
    const target = viewOf(kind);
    if (!target) return;
    setView(target);
    setFocus((f) => ({ kind, key, seq: (f?.seq ?? 0) + 1 }));
  }, []);
  const focusApi = useMemo<FocusApi>(() => ({ focus, jumpTo }), [focus, jumpTo]);

  useEffect(() => {
    const unlisten = onWorkspaceChanged((change) => {
      invalidation.notify(change.changes);
      if (change.external) setNotice(externalChangeNotice(change.changes));
    });
    const unlistenDb = onDatabaseChanged((change) => {
      setDbPath(change.path);
      api.recentDatabases().then(setRecent, () => {});
      setNewGoalRequest(0);
      setProblem(null);
      setView("goals");
      setEpoch((n) => n + 1);
    });
    api.databasePath().then(setDbPath, () => {});
    api.recentDatabases().then(setRecent, () => {});
    return () => {
      unlisten.then((stop) => stop());
      unlistenDb.then((stop) => stop());
    };
  }, [invalidation]);

  useEffect(() => {
    let live = true;
    Promise.all([api.workspaceIsEmpty(), api.canUndo(), api.canRedo()]).then(
      ([isEmpty, canUndo, canRedo]) => {
        if (!live) return;
        setEmpty(isEmpty);
        setHistory({ canUndo, canRedo });
      },
      (e) => live && setProblem(asCommandError(e)),
    );
    return () => {
      live = false;
    };
  }, [anyChange, epoch]);

  useEffect(() => {
    if (!notice) return;
    const timer = window.setTimeout(() => setNotice(""), 8000);
    return () => window.clearTimeout(timer);
  }, [notice]);

  const travel = useCallback(async (direction: "undo" | "redo") => {
    try {
      const entry = await (direction === "undo" ? api.undo() : api.redo());
      setProblem(null);
      setNotice(`${direction === "undo" ? "Undone" : "Redone"}: ${entry.entity} ${entry.key} ${entry.kind.replace(/_/g, " ")}`);
    } catch (e) {
      const error = asCommandError(e);
      if (error.code !== "nothing_to_undo" && error.code !== "nothing_to_redo") setProblem(error);
    }
  }, []);

  useEffect(() => {
    // Text fields keep their own keys (Ctrl+Z, ?); lib/shortcuts.ts says which are global.
    const onKey = (e: KeyboardEvent) => {
      const id = shortcutFor("app", e, isTyping(e.target));
      if (!id) return;
      e.preventDefault();
      if (id === "app.search") setOverlay("search");
      else if (id === "app.commands") setOverlay("commands");
      else if (id === "app.help") setOverlay("help");
      else travel(id === "app.undo" ? "undo" : "redo");
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [travel]);

  const openExport = useCallback(async (preferPlan: boolean, format: ExportFormat = "json") => {
    try {
      const plans = await api.plans();
      setExporting({ plans, initial: preferPlan && plans.length > 0 ? plans[0].key : WHOLE_WORKSPACE, format });
    } catch (e) {
      setProblem(asCommandError(e));
    }
  }, []);

  // The native File menu runs the same gestures as the buttons.
  const menuHandlers = useRef({ files, travel, openExport });
  menuHandlers.current = { files, travel, openExport };
  useEffect(() => {
    const unlisten = onMenuCommand((command) => {
      const { files, travel, openExport } = menuHandlers.current;
      ({
        new_database: files.newDatabase,
        open_database: files.openDatabase,
        import_json: files.importJson,
        import_pddl: files.importPddl,
        import_tasks_csv: files.importTasksCsv,
        export_tasks_csv: files.exportTasksCsv,
        export_plan: () => openExport(true),
        export_workspace: () => files.exportTo(null),
        export_plan_report: () => openExport(true, "html"),
        undo: () => travel("undo"),
        redo: () => travel("redo"),
      })[command]();
    });
    return () => {
      unlisten.then((stop) => stop());
    };
  }, []);

  const loadDemo = async () => {
    try {
      await api.loadDemo();
      setProblem(null);
      setView("goals");
    } catch (e) {
      setProblem(asCommandError(e));
    }
  };

  const openRecent = (index: number) => api.openRecent(index).catch((e) => setProblem(asCommandError(e)));

  const startEmpty = () => {
    setView("goals");
    setNewGoalRequest((n) => n + 1);
  };

  const title = VIEWS.find((v) => v.id === view)!.label;

  // Ctrl+K: every toolbar and File menu action, every view and the theme, by name.
  const commands: (PaletteCommand & { run: () => void })[] = [
    ...VIEWS.map((v) => ({ id: `go.${v.id}`, label: `Go to ${v.label}`, run: () => setView(v.id) })),
    { id: "undo", label: "Undo", keys: "Ctrl+Z", disabled: !history.canUndo, run: () => travel("undo") },
    { id: "redo", label: "Redo", keys: "Ctrl+Shift+Z", disabled: !history.canRedo, run: () => travel("redo") },
    { id: "import.json", label: "Import JSON…", run: files.importJson },
    { id: "import.pddl", label: "Import PDDL domain and problem…", run: files.importPddl },
    { id: "export.workspace", label: "Export workspace…", run: () => files.exportTo(null) },
    { id: "export.tasks-csv", label: "Export tasks as CSV…", run: files.exportTasksCsv },
    { id: "import.tasks-csv", label: "Import tasks from CSV…", run: files.importTasksCsv },
    { id: "export.plan", label: "Export plan…", run: () => openExport(true) },
    { id: "export.plan-report", label: "Export HTML report…", run: () => openExport(true, "html") },
    { id: "database.new", label: "New database…", keys: "Ctrl+N", run: files.newDatabase },
    { id: "database.open", label: "Open database…", keys: "Ctrl+O", run: files.openDatabase },
    { id: "search", label: "Search goals, actions, agents and tasks", keys: "Ctrl+F", run: () => setOverlay("search") },
    { id: "help", label: "Show keyboard shortcuts", keys: "?", run: () => setOverlay("help") },
    ...BULK_REQUESTS.map((r) => ({
      id: r.id,
      label: r.label,
      keys: r.id === "selection.clear" ? "Esc" : undefined,
      run: () => {
        if (r.view) setView(r.view);
        requestBulk(r.id);
      },
    })),
    ...recent
      .map((path, i) => ({ path, i }))
      .filter(({ path }) => path !== dbPath)
      .map(({ path, i }) => ({ id: `recent.${i}`, label: `Open recent: ${path}`, run: () => openRecent(i) })),
    ...(["light", "dark", "system"] as ThemeChoice[]).map((t) => ({ id: `theme.${t}`, label: `Theme: ${t}`, run: () => setTheme(t) })),
  ];

  const page = (
    <div className="app">
      <nav className="sidebar" aria-label="Views">
        <div className="brand">
          <Logo />
          <span>MABOS Planner</span>
        </div>
        <ul className="nav-list">
          {VIEWS.map((v) => (
            <li key={v.id}>
              <button
                type="button"
                className="nav-item"
                aria-current={view === v.id ? "page" : undefined}
                data-testid={`nav-${v.id}`}
                onClick={() => setView(v.id)}
              >
                {v.label}
              </button>
            </li>
          ))}
        </ul>
        <div className="sidebar-footer">
          <label className="theme-choice">
            Theme
            <select value={theme} data-testid="theme" onChange={(e) => setTheme(e.target.value as ThemeChoice)}>
              <option value="system">System</option>
              <option value="light">Light</option>
              <option value="dark">Dark</option>
            </select>
          </label>
          <p className="db-path" title={dbPath}>
            <bdi>{dbPath}</bdi>
          </p>
        </div>
      </nav>
      <main className="main">
        <header className="toolbar">
          <h1>{title}</h1>
          <div className="spacer" />
          <span className="muted small toolbar-notice" role="status" data-testid="history-notice" title={notice}>
            {notice}
          </span>
          <button type="button" data-testid="open-search" onClick={() => setOverlay("search")} title="Search (Ctrl+F); commands and search (Ctrl+K)">
            ⌕ Search
          </button>
          <button type="button" data-testid="import-json" onClick={files.importJson} title="Import a plan or workspace file (one undo step)">
            Import…
          </button>
          <button type="button" data-testid="import-pddl" onClick={files.importPddl} title="Import a PDDL domain and problem as actions and a goal (one undo step)">
            Import PDDL…
          </button>
          <button type="button" data-testid="export-json" onClick={() => openExport(false)} title="Export the workspace or a plan to JSON">
            Export…
          </button>
          <button type="button" data-testid="undo" disabled={!history.canUndo} onClick={() => travel("undo")} title="Undo (Ctrl+Z)">
            ↶ Undo
          </button>
          <button type="button" data-testid="redo" disabled={!history.canRedo} onClick={() => travel("redo")} title="Redo (Ctrl+Shift+Z)">
            ↷ Redo
          </button>
          <button type="button" className="help-button" data-testid="open-help" onClick={() => setOverlay("help")} title="Keyboard shortcuts (? or F1)" aria-label="Keyboard shortcuts">
            ?
          </button>
        </header>
        {problem && (
          <div className="banner error" role="alert" data-testid="app-error">
            <span>{problem.message}</span>
            <button type="button" className="link" onClick={() => setProblem(null)}>
              Dismiss
            </button>
          </div>
        )}
        <FilePanel />
        <section className="content" key={epoch}>
          {empty === null ? null : empty && newGoalRequest === 0 && view === "goals" ? (
            <EmptyWorkspace databasePath={dbPath} recent={recent} onOpenRecent={openRecent} onLoadDemo={loadDemo} onStartEmpty={startEmpty} />
          ) : view === "goals" ? (
            <GoalsView newGoalRequest={newGoalRequest} />
          ) : view === "plans" ? (
            <PlansView />
          ) : view === "actions" ? (
            <ActionsView />
          ) : view === "agents" ? (
            <AgentsView />
          ) : view === "timeline" ? (
            <TimelineView />
          ) : view === "monitor" ? (
            <MonitorView />
          ) : view === "broker" ? (
            <BrokerView />
          ) : (
            <TaskBoard />
          )}
        </section>
      </main>
      {exporting && (
        <ExportDialog
          plans={exporting.plans}
          initial={exporting.initial}
          format={exporting.format}
          onCancel={() => setExporting(null)}
          onChoose={(what) => {
            const format = exporting.format;
            setExporting(null);
            if (format === "html") files.exportReport(what);
            else files.exportTo(what === WHOLE_WORKSPACE ? null : what);
          }}
        />
      )}
    </div>
  );

  return (
    <InvalidationContext.Provider value={invalidation}>
      <FocusContext.Provider value={focusApi}>
        {page}
        {overlay === "search" && (
          <SearchPalette
            onClose={() => setOverlay(null)}
            onPick={(hit) => {
              setOverlay(null);
              jumpTo(hit.kind, hit.key);
            }}
          />
        )}
        {overlay === "commands" && (
          <SearchPalette
            commands={commands}
            onClose={() => setOverlay(null)}
            onRun={(id) => {
              setOverlay(null);
              commands.find((c) => c.id === id)?.run();
            }}
            onPick={(hit) => {
              setOverlay(null);
              jumpTo(hit.kind, hit.key);
            }}
          />
        )}
        {overlay === "help" && <HelpOverlay onClose={() => setOverlay(null)} />}
      </FocusContext.Provider>
    </InvalidationContext.Provider>
  );
}
