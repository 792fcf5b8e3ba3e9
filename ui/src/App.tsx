import { useCallback, useEffect, useState } from "react";
import { api, asCommandError, onWorkspaceChanged, type CommandError } from "./api";
import { AgentsView } from "./components/AgentsView";
import { EmptyWorkspace } from "./components/EmptyWorkspace";
import { GoalsView } from "./components/GoalsView";
import { Logo } from "./components/Logo";
import { MonitorView } from "./components/MonitorView";
import { PlansView } from "./components/PlansView";
import { TaskBoard } from "./components/TaskBoard";
import { useTheme, type ThemeChoice } from "./lib/theme";

type View = "goals" | "plans" | "agents" | "tasks" | "monitor";

const VIEWS: { id: View; label: string }[] = [
  { id: "goals", label: "Goals" },
  { id: "plans", label: "Plans" },
  { id: "agents", label: "Agents & actions" },
  { id: "tasks", label: "Task board" },
  { id: "monitor", label: "Monitor" },
];

/** Text fields keep their own Ctrl+Z; everywhere else it undoes the last gesture. */
function isTextEntry(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
}

export function App() {
  const [view, setView] = useState<View>("goals");
  // The newest event seen; every view reloads when it moves.
  const [seq, setSeq] = useState(0);
  const [empty, setEmpty] = useState<boolean | null>(null);
  const [history, setHistory] = useState({ canUndo: false, canRedo: false });
  const [problem, setProblem] = useState<CommandError | null>(null);
  // What the last undo or redo did, e.g. "Undone: goal G-2 updated".
  const [notice, setNotice] = useState("");
  const [dbPath, setDbPath] = useState("");
  const [theme, setTheme] = useTheme();
  const [newGoalRequest, setNewGoalRequest] = useState(0);

  useEffect(() => {
    const unlisten = onWorkspaceChanged((change) => setSeq(change.seq));
    api.databasePath().then(setDbPath, () => {});
    return () => {
      unlisten.then((stop) => stop());
    };
  }, []);

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
  }, [seq]);

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
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || isTextEntry(e.target)) return;
      const key = e.key.toLowerCase();
      if (key === "z" && !e.shiftKey) {
        e.preventDefault();
        travel("undo");
      } else if ((key === "z" && e.shiftKey) || key === "y") {
        e.preventDefault();
        travel("redo");
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [travel]);

  const loadDemo = async () => {
    try {
      await api.loadDemo();
      setProblem(null);
      setView("goals");
    } catch (e) {
      setProblem(asCommandError(e));
    }
  };

  const startEmpty = () => {
    setView("goals");
    setNewGoalRequest((n) => n + 1);
  };

  const title = VIEWS.find((v) => v.id === view)!.label;

  return (
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
          <span className="muted small" role="status" data-testid="history-notice">
            {notice}
          </span>
          <button type="button" data-testid="undo" disabled={!history.canUndo} onClick={() => travel("undo")} title="Undo (Ctrl+Z)">
            ↶ Undo
          </button>
          <button type="button" data-testid="redo" disabled={!history.canRedo} onClick={() => travel("redo")} title="Redo (Ctrl+Shift+Z)">
            ↷ Redo
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
        <section className="content">
          {empty === null ? null : empty && newGoalRequest === 0 ? (
            <EmptyWorkspace databasePath={dbPath} onLoadDemo={loadDemo} onStartEmpty={startEmpty} />
          ) : view === "goals" ? (
            <GoalsView seq={seq} newGoalRequest={newGoalRequest} />
          ) : view === "plans" ? (
            <PlansView seq={seq} />
          ) : view === "agents" ? (
            <AgentsView seq={seq} />
          ) : view === "monitor" ? (
            <MonitorView seq={seq} />
          ) : (
            <TaskBoard seq={seq} />
          )}
        </section>
      </main>
    </div>
  );
}
