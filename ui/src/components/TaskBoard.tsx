import { api } from "../api";
import type { Task } from "../generated/Task";
import { PriorityBadge, StatusBadge } from "./Badges";
import { useLoad } from "./useLoad";

/** Tasks grouped by assignee (read-only in this slice; drag and drop comes next). */
export function TaskBoard({ seq }: { seq: number }) {
  const tasks = useLoad(() => api.tasks(), [seq]);
  const agents = useLoad(() => api.agents(), [seq]);

  if (tasks.data?.length === 0) return <p className="muted pad">No tasks yet.</p>;

  // Unassigned first, then the agents in their listed order.
  const lanes = new Map<string, Task[]>([["", []]]);
  for (const a of agents.data ?? []) lanes.set(a.key, []);
  for (const t of tasks.data ?? []) {
    const k = t.assignee ?? "";
    if (!lanes.has(k)) lanes.set(k, []);
    lanes.get(k)!.push(t);
  }
  const nameOf = (key: string) => (key === "" ? "Unassigned" : (agents.data?.find((a) => a.key === key)?.name ?? key));
  const idle = [...lanes.entries()].filter(([key, list]) => key !== "" && list.length === 0).map(([key]) => nameOf(key));

  return (
    <>
      <div className="board" data-testid="task-board">
        {[...lanes.entries()]
          .filter(([key, list]) => key === "" || list.length > 0)
          .map(([key, list]) => (
            <section className="lane" key={key || "unassigned"} aria-label={nameOf(key)}>
              <header className="lane-head">
                <strong>{nameOf(key)}</strong>
                <span className="muted small">{list.length}</span>
              </header>
              <ul className="lane-cards">
                {list.map((t) => (
                  <li key={t.key} className={`task status-border-${t.status}`}>
                    <div className="task-title">{t.title}</div>
                    <div className="task-meta">
                      <span className="key-chip">{t.key}</span>
                      <PriorityBadge priority={t.priority} />
                      <StatusBadge status={t.status} />
                      <span className="muted small">{t.effort} h</span>
                    </div>
                  </li>
                ))}
              </ul>
            </section>
          ))}
      </div>
      {idle.length > 0 && <p className="board-note muted small">No tasks: {idle.join(", ")}</p>}
    </>
  );
}
