import { useState } from "react";
import { api, asCommandError, type CommandError } from "../api";
import { AutoAssignDialog } from "./AutoAssignDialog";
import { StatusBadge } from "./Badges";
import { GoalConflicts } from "./GoalConflicts";
import { BlockedTasks, FailedTasks, OverdueTasks, ReadyTasks } from "./MonitorTasks";
import { ProgressBar } from "./ProgressBar";
import { READS } from "../lib/invalidation";
import { useLoad } from "./useLoad";
import { WorldFacts } from "./WorldFacts";
import "./intelligence.css";

/** What needs attention now: running plans, tasks by readiness, agents, goals, facts. */
export function MonitorView() {
  const report = useLoad(() => api.monitor(), [], READS.monitor);
  const plans = useLoad(() => api.plans(), [], READS.plans);
  const goals = useLoad(() => api.goalTree(), [], READS.goal_tree);
  const [assigning, setAssigning] = useState(false);
  const [startErrors, setStartErrors] = useState<Record<string, CommandError>>({});
  const [started, setStarted] = useState("");

  const start = async (plan: string) => {
    try {
      const s = await api.startPlan(plan);
      setStartErrors(({ [plan]: _, ...rest }) => rest);
      const unmet = s.unmet_preconditions.length;
      setStarted(`Started ${s.plan}: ${s.tasks.length} tasks, ${s.ready.length} ready${unmet ? `; ${unmet} precondition(s) not in the recorded world state` : ""}.`);
    } catch (e) {
      setStartErrors((f) => ({ ...f, [plan]: asCommandError(e) }));
    }
  };

  const r = report.data;
  const drafts = (plans.data ?? []).filter((p) => p.status === "draft");
  const title = (goal: string) => goals.data?.find((g) => g.key === goal)?.title ?? goal;

  return (
    <div className="monitor" data-testid="monitor">
      <div className="wide monitor-head">
        <span className="muted small">{r ? `As of ${new Date(r.at).toLocaleString()}` : ""}</span>
        <span className="muted small" role="status" data-testid="monitor-notice">
          {started}
        </span>
        <div className="spacer" />
        <button type="button" className="primary" data-testid="auto-assign" onClick={() => setAssigning(true)}>
          Auto-assign…
        </button>
      </div>
      {report.error && (
        <p className="wide field-error" role="alert">
          {report.error.message}
        </p>
      )}

      <div className="watch-card" data-testid="active-plans">
        <h3>
          Active plans <span className="count">{r?.active_plans.length ?? 0}</span>
        </h3>
        {r?.active_plans.length === 0 && <p className="muted small">No plan is running.</p>}
        <ul className="rows-list">
          {r?.active_plans.map((p) => (
            <li key={p.plan} data-plan={p.plan}>
              <span className="key-chip">{p.plan}</span>
              <span className="grow">{title(p.goal)}</span>
              <ProgressBar value={p.progress} label={`${p.plan} progress`} />
              <span className="why">
                {p.done_tasks} of {p.tasks} tasks, {p.done_effort} of {p.total_effort} h done
              </span>
            </li>
          ))}
        </ul>
      </div>

      <div className="watch-card" data-testid="draft-plans">
        <h3>
          Draft plans <span className="count">{drafts.length}</span>
        </h3>
        {drafts.length === 0 && <p className="muted small">No draft to start.</p>}
        <ul className="rows-list">
          {drafts.map((p) => (
            <li key={p.key} data-plan={p.key}>
              <span className="key-chip">{p.key}</span>
              <span className="grow" title={p.title}>
                {p.title || p.key}
              </span>
              <span className="muted small">{p.steps} steps</span>
              <button type="button" data-testid={`start-${p.key}`} onClick={() => start(p.key)}>
                Start
              </button>
              {startErrors[p.key] && (
                <p className="field-error why" role="alert" data-testid={`start-error-${p.key}`}>
                  {startErrors[p.key].message}
                </p>
              )}
            </li>
          ))}
        </ul>
      </div>

      <ReadyTasks tasks={r?.ready ?? []} />
      <BlockedTasks tasks={r?.blocked ?? []} />
      <FailedTasks tasks={r?.failed ?? []} />
      <OverdueTasks tasks={r?.overdue ?? []} />

      <div className="watch-card" data-testid="overloaded-agents">
        <h3>
          Overloaded agents <span className="count">{r?.overloaded.length ?? 0}</span>
        </h3>
        {r?.overloaded.length === 0 && <p className="muted small">Every agent is within its capacity.</p>}
        <ul className="rows-list">
          {r?.overloaded.map((a) => (
            <li key={a.agent}>
              <span className="key-chip">{a.agent}</span>
              <span className="grow">{a.name}</span>
              <span className="bad-text small">
                {a.workload} / {a.capacity} h
              </span>
              <span className="muted small">{a.open_tasks} open tasks</span>
            </li>
          ))}
        </ul>
      </div>
      <GoalConflicts />

      <div className="watch-card" data-testid="goal-progress">
        <h3>Goal progress</h3>
        <ul className="rows-list">
          {r?.goals.map((g) => (
            <li key={g.goal} data-goal={g.goal}>
              <span className="key-chip">{g.goal}</span>
              <span className="grow" title={title(g.goal)}>
                {title(g.goal)}
              </span>
              <StatusBadge status={g.status} />
              <ProgressBar value={g.progress} label={`${g.goal} progress`} />
            </li>
          ))}
        </ul>
      </div>
      <WorldFacts />

      {assigning && <AutoAssignDialog onClose={() => setAssigning(false)} />}
    </div>
  );
}
