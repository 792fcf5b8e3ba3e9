import { useEffect, useState } from "react";
import { onFileProgress } from "../api";
import type { FileProgress } from "../generated/FileProgress";

const PHASE: Record<FileProgress["phase"], string> = {
  reading: "Reading",
  importing: "Checking and importing",
  writing: "Writing",
  done: "Done",
  failed: "Failed",
};

const OPERATION: Record<FileProgress["operation"], string> = {
  export_plan: "Export plan",
  export_workspace: "Export workspace",
  import: "Import",
  import_pddl: "Import PDDL",
  export_tasks_csv: "Export tasks as CSV",
  import_tasks_csv: "Import tasks from CSV",
  export_plan_report: "Export HTML report",
};

const plural = (word: string) => (word.endsWith("y") ? `${word.slice(0, -1)}ies` : `${word}s`);

function summary(p: FileProgress): string {
  if (p.operation === "import_tasks_csv") {
    const t = p.tasks_report;
    if (!t) return `Imported ${p.path}`;
    return `Imported ${t.tasks} ${t.tasks === 1 ? "task" : "tasks"} (${t.dependencies} ${t.dependencies === 1 ? "dependency" : "dependencies"}) from ${p.path}. Undo takes it back in one step.`;
  }
  if (p.operation !== "import" && p.operation !== "import_pddl") return `Written to ${p.path}`;
  const r = p.report;
  if (!r) return `Imported ${p.path}`;
  const parts = (
    [
      [r.goals, "goal"],
      [r.plans, "plan"],
      [r.steps, "step"],
      [r.actions, "action"],
      [r.agents, "agent"],
      [r.tasks, "task"],
      [r.capabilities_created, "new capability"],
    ] as [number, string][]
  )
    .filter(([n]) => n > 0)
    .map(([n, what]) => `${n} ${n === 1 ? what : plural(what)}`);
  return `Imported a ${r.kind} from ${p.path}: ${parts.length > 0 ? parts.join(", ") : "nothing new"}. Undo takes it back in one step.`;
}

/**
 * What the file commands report: a progress bar while an export or import runs, then
 * its outcome — on refusal every problem in full, each with its place in the file.
 */
export function FilePanel() {
  const [progress, setProgress] = useState<FileProgress | null>(null);

  useEffect(() => {
    const stop = onFileProgress(setProgress);
    return () => {
      stop.then((f) => f());
    };
  }, []);

  if (!progress) return null;
  const running = progress.phase !== "done" && progress.phase !== "failed";
  return (
    <div className={`file-panel ${progress.phase}`} role={progress.phase === "failed" ? "alert" : "status"} data-testid="file-panel" data-phase={progress.phase}>
      <div className="file-panel-head">
        <strong>{OPERATION[progress.operation]}</strong>
        <span className="muted small file-path" title={progress.path}>
          {progress.path}
        </span>
        <div className="spacer" />
        {!running && (
          <button type="button" className="link" data-testid="file-panel-close" onClick={() => setProgress(null)}>
            Close
          </button>
        )}
      </div>
      {running && (
        <div className="file-progress">
          <progress max={progress.steps} value={progress.step} data-testid="file-progress" />
          <span className="small">
            {PHASE[progress.phase]}… ({progress.step + 1} of {progress.steps})
          </span>
        </div>
      )}
      {progress.phase === "done" && <p className="small" data-testid="file-done">{summary(progress)}</p>}
      {progress.phase === "failed" && (
        <>
          <p className="small">Nothing was changed. {progress.problems.length === 1 ? "The problem:" : `${progress.problems.length} problems:`}</p>
          <ul className="file-problems" data-testid="file-problems">
            {progress.problems.map((p, i) => (
              <li key={i}>
                {p.pointer !== null && <code className="pointer">{p.pointer === "" ? "(whole file)" : p.pointer}</code>}{" "}
                <span className="problem-message">{p.message}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
