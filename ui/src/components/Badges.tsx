import type { GoalStatus } from "../generated/GoalStatus";
import type { PlanStatus } from "../generated/PlanStatus";
import type { TaskStatus } from "../generated/TaskStatus";
import { GOAL_STATUS, PLAN_STATUS, TASK_STATUS } from "../lib/labels";

type AnyStatus = GoalStatus | PlanStatus | TaskStatus;

const LABELS: Record<string, string> = { ...GOAL_STATUS, ...PLAN_STATUS, ...TASK_STATUS };

export function StatusBadge({ status }: { status: AnyStatus }) {
  return <span className={`badge status-${status}`}>{LABELS[status] ?? status}</span>;
}

export function PriorityBadge({ priority }: { priority: number }) {
  const level = priority >= 8 ? "high" : priority >= 5 ? "mid" : "low";
  return (
    <span className={`badge priority priority-${level}`} title={`Priority ${priority} of 10`}>
      P{priority}
    </span>
  );
}

export function Chip({ children, title }: { children: React.ReactNode; title?: string }) {
  return (
    <span className="chip" title={title}>
      {children}
    </span>
  );
}
