import { useState } from "react";
import { api, asCommandError, type CommandError } from "../api";
import type { BlockedTask } from "../generated/BlockedTask";
import type { TaskBrief } from "../generated/TaskBrief";
import { PriorityBadge, StatusBadge } from "./Badges";
import { RepairOptions } from "./RepairOptions";

type Failures = Record<string, CommandError>;

/** One task on one line: key, title, priority, assignee. */
function TaskLine({ t }: { t: TaskBrief }) {
  return (
    <>
      <span className="key-chip">{t.key}</span>
      <span className="grow" title={t.title}>
        {t.title}
      </span>
      <PriorityBadge priority={t.priority} />
      <span className="muted small nowrap">
        {t.effort} h{t.assignee ? ` · ${t.assignee}` : " · unassigned"}
      </span>
    </>
  );
}

function TaskError({ task, failures }: { task: string; failures: Failures }) {
  const e = failures[task];
  return e ? (
    <p className="field-error why" role="alert" data-testid={`task-error-${task}`}>
      {e.message}
    </p>
  ) : null;
}

/** Ready tasks, to mark done (their effects are recorded) or failed. */
export function ReadyTasks({ tasks }: { tasks: TaskBrief[] }) {
  const [failures, setFailures] = useState<Failures>({});
  const act = async (task: string, gesture: () => Promise<unknown>) => {
    try {
      await gesture();
      setFailures(({ [task]: _, ...rest }) => rest);
    } catch (e) {
      setFailures((f) => ({ ...f, [task]: asCommandError(e) }));
    }
  };
  return (
    <div className="watch-card" data-testid="ready-tasks">
      <h3>
        Ready <span className="count">{tasks.length}</span>
      </h3>
      {tasks.length === 0 && <p className="muted small">Nothing can start right now.</p>}
      <ul className="rows-list">
        {tasks.map((t) => (
          <li key={t.key} data-task={t.key} data-plan={t.plan ?? ""}>
            <TaskLine t={t} />
            <button type="button" data-testid={`done-${t.key}`} onClick={() => act(t.key, () => api.completeTask(t.key))}>
              Done
            </button>
            <button type="button" className="danger" data-testid={`fail-${t.key}`} onClick={() => act(t.key, () => api.setTaskStatus(t.key, "failed"))}>
              Failed
            </button>
            <TaskError task={t.key} failures={failures} />
          </li>
        ))}
      </ul>
    </div>
  );
}

export function BlockedTasks({ tasks }: { tasks: BlockedTask[] }) {
  return (
    <div className="watch-card" data-testid="blocked-tasks">
      <h3>
        Blocked <span className="count">{tasks.length}</span>
      </h3>
      {tasks.length === 0 && <p className="muted small">Nothing waits.</p>}
      <ul className="rows-list">
        {tasks.map((b) => (
          <li key={b.task.key} data-task={b.task.key}>
            <TaskLine t={b.task} />
            <span className="why">
              {b.marked_blocked && "marked blocked"}
              {b.marked_blocked && b.waiting_on.length > 0 && "; "}
              {b.waiting_on.length > 0 && `waits on ${b.waiting_on.join(", ")}`}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function OverdueTasks({ tasks }: { tasks: TaskBrief[] }) {
  return (
    <div className="watch-card" data-testid="overdue-tasks">
      <h3>
        Overdue <span className="count">{tasks.length}</span>
      </h3>
      {tasks.length === 0 && <p className="muted small">No deadline has passed.</p>}
      <ul className="rows-list">
        {tasks.map((t) => (
          <li key={t.key} data-task={t.key}>
            <TaskLine t={t} />
            <StatusBadge status={t.status} />
            <span className="why">due {t.deadline}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Failed tasks, each with its repair options on demand. */
export function FailedTasks({ tasks }: { tasks: TaskBrief[] }) {
  const [open, setOpen] = useState<string | null>(null);
  return (
    <div className="watch-card" data-testid="failed-tasks">
      <h3>
        Failed <span className="count">{tasks.length}</span>
      </h3>
      {tasks.length === 0 && <p className="muted small">Nothing failed.</p>}
      <ul className="rows-list">
        {tasks.map((t) => (
          <li key={t.key} data-task={t.key}>
            <TaskLine t={t} />
            <button type="button" data-testid={`repair-${t.key}-toggle`} aria-expanded={open === t.key} onClick={() => setOpen(open === t.key ? null : t.key)}>
              Repair…
            </button>
            {open === t.key && <RepairOptions task={t.key} />}
          </li>
        ))}
      </ul>
    </div>
  );
}
