// What the timeline draws, as plain rows: a plan's steps (planned bar, slack, what ran
// and what is expected) or the agents' lanes (tasks, overload), with the arrows and lines
// across them. The scheduling itself is the core's (docs/timeline.md); this only decides
// shapes and words, so both charts share one drawing component.

import type { AgentLanes } from "../generated/AgentLanes";
import type { Overload } from "../generated/Overload";
import type { PlanTimeline } from "../generated/PlanTimeline";
import type { TaskBar } from "../generated/TaskBar";
import type { UnscheduledReason } from "../generated/UnscheduledReason";
import { formatHours } from "./timeScale";

/**
 * `planned`/`critical`: a step's planned window; `slack`: how far it may slip;
 * `run`: what its task did or is expected to do (thin, under the planned bar);
 * `task`: a task on an agent's lane.
 */
export type BarKind = "planned" | "critical" | "slack" | "run" | "task";

export interface Bar {
  kind: BarKind;
  start: number;
  finish: number;
  /** Drawn on the bar when it is wide enough. */
  label: string;
  /** The tooltip and accessible description. */
  title: string;
  /** The task's status, for its colour; `null` for plan bars not yet run. */
  status: string | null;
  /** Where a click goes: the task (lanes, started steps). */
  task: string | null;
  /** A run bar that is a projection, not what happened. */
  projected?: boolean;
  /** A task bar past its deadline or beside another running one. */
  late?: boolean;
}

/** An overloaded stretch of a lane, shaded behind its bars. */
export interface Band {
  start: number;
  finish: number;
  title: string;
}

export interface Row {
  id: string;
  label: string;
  detail: string;
  bars: Bar[];
  bands: Band[];
  /** The row needs attention (overloaded lane). */
  warn: boolean;
}

export interface Arrow {
  from: { row: number; hour: number };
  to: { row: number; hour: number };
  critical: boolean;
}

export interface Marker {
  hour: number;
  label: string;
  kind: "now" | "deadline";
}

export interface Chart {
  origin: string;
  /** The span to draw, in hours from the origin (a little past the last bar). */
  hours: number;
  rows: Row[];
  arrows: Arrow[];
  markers: Marker[];
  /** One line under the chart, e.g. "Critical path 14 h; expected to finish in 16 h". */
  summary: string;
  /** Open work the chart cannot place, each a sentence. */
  notes: string[];
}

/** A margin after the last bar, so that it never touches the edge. */
function span(...hours: number[]): number {
  const end = Math.max(1, ...hours.filter(Number.isFinite));
  return end * 1.05 + 1;
}

const status = (s: string | null) => (s ? s.replace("_", " ") : "not started");

export function planChart(t: PlanTimeline): Chart {
  const index = new Map(t.steps.map((s, i) => [s.step, i]));
  const rows: Row[] = t.steps.map((s) => {
    const bars: Bar[] = [
      {
        kind: s.critical ? "critical" : "planned",
        start: s.earliest_start,
        finish: s.earliest_finish,
        label: `${s.step} ${s.action}`,
        title: `${s.step} (${s.action}): planned ${formatHours(s.earliest_start)} to ${formatHours(s.earliest_finish)}${s.critical ? ", critical" : `, slack ${formatHours(s.slack)}`}`,
        status: null,
        task: s.task,
      },
    ];
    if (s.slack > 0) {
      bars.push({ kind: "slack", start: s.earliest_finish, finish: s.earliest_finish + s.slack, label: "", title: `${s.step} may slip ${formatHours(s.slack)}`, status: null, task: null });
    }
    if (t.started) {
      const happened = s.actual_start !== null;
      bars.push({
        kind: "run",
        start: s.projected_start,
        finish: s.projected_finish,
        label: "",
        title: `${s.step}${s.task ? ` (${s.task})` : ""}: ${status(s.status)}, ${happened ? "started" : "expected"} at ${formatHours(s.projected_start)}, ${s.actual_finish !== null ? "done" : "expected to finish"} at ${formatHours(s.projected_finish)}`,
        status: s.status ?? "todo",
        task: s.task,
        projected: s.actual_finish === null,
      });
    }
    return { id: s.step, label: s.step, detail: s.action, bars, bands: [], warn: false };
  });
  const arrows: Arrow[] = t.edges.flatMap((e) => {
    const a = index.get(e.before);
    const b = index.get(e.after);
    if (a === undefined || b === undefined) return [];
    return [{ from: { row: a, hour: t.steps[a].earliest_finish }, to: { row: b, hour: t.steps[b].earliest_start }, critical: e.critical }];
  });
  const work = Math.max(t.projected_finish, t.duration_hours, ...t.steps.map((s) => s.earliest_finish + s.slack), t.now);
  // A deadline far beyond the work would leave the chart empty: it is then only named.
  const deadlineDrawn = t.deadline !== null && t.deadline <= 2 * work;
  const markers: Marker[] = [{ hour: t.now, label: "now", kind: "now" }];
  if (deadlineDrawn) markers.push({ hour: t.deadline!, label: "deadline", kind: "deadline" });
  const late = t.deadline !== null && t.projected_finish > t.deadline;
  const summary =
    `Critical path ${formatHours(t.duration_hours)}` +
    (t.started ? `; expected to finish ${formatHours(t.projected_finish)} after the start` : "; not started") +
    (t.deadline === null ? "" : late ? " — after its deadline" : `; deadline ${formatHours(t.deadline)} after the start`);
  return {
    origin: t.origin,
    hours: span(work, deadlineDrawn ? t.deadline! : 0),
    rows,
    arrows,
    markers,
    summary,
    notes: [],
  };
}

function overloadTitle(o: Overload): string {
  switch (o.kind.kind) {
    case "over_capacity":
      return `Over capacity: ${formatHours(o.kind.open_effort)} of open work for a capacity of ${formatHours(o.kind.capacity)}`;
    case "past_deadline":
      return `${o.kind.task} finishes after its deadline`;
    case "simultaneous":
      return `${o.kind.tasks.join(" and ")} run at the same time`;
  }
}

function lateTasks(overloads: Overload[]): Set<string> {
  const late = new Set<string>();
  for (const o of overloads) {
    if (o.kind.kind === "past_deadline") late.add(o.kind.task);
    if (o.kind.kind === "simultaneous") o.kind.tasks.forEach((t) => late.add(t));
  }
  return late;
}

function taskBar(b: TaskBar, late: Set<string>): Bar {
  const when = b.status === "done" ? "ran" : b.status === "in_progress" ? "running" : "scheduled";
  return {
    kind: "task",
    start: b.start,
    finish: b.finish,
    label: b.task,
    title: `${b.task} ${b.title}: ${status(b.status)}, ${when} ${formatHours(b.start)} to ${formatHours(b.finish)}${b.plan ? `, plan ${b.plan}` : ""}${late.has(b.task) ? " — overloaded" : ""}`,
    status: b.status,
    task: b.task,
    late: late.has(b.task),
  };
}

export function reasonText(task: string, reason: UnscheduledReason): string {
  switch (reason.kind) {
    case "missing_dependency":
      return `${task} depends on ${reason.dependency}, which no task has`;
    case "cycle":
      return `${task} is on a dependency cycle: ${reason.cycle.join(", ")}`;
    case "failed_dependency":
      return `${task} waits on ${reason.dependency}, which failed`;
    case "waits_on":
      return `${task} waits on ${reason.dependency}, which cannot be scheduled`;
  }
}

export function lanesChart(l: AgentLanes): Chart {
  const rows: Row[] = l.lanes.map((lane) => {
    const late = lateTasks(lane.overloads);
    return {
      id: lane.agent,
      label: lane.name,
      // Workload as the board shows it: effort hours, not calendar time.
      detail: `${lane.agent} · ${lane.workload} / ${lane.capacity} h`,
      bars: lane.bars.map((b) => taskBar(b, late)),
      bands: lane.overloads.map((o) => ({ start: o.start, finish: o.finish, title: overloadTitle(o) })),
      warn: lane.overloads.length > 0,
    };
  });
  if (l.unassigned.length > 0) {
    rows.push({ id: "unassigned", label: "Unassigned", detail: `${l.unassigned.length} open`, bars: l.unassigned.map((b) => taskBar(b, new Set())), bands: [], warn: false });
  }
  const overloaded = l.lanes.filter((lane) => lane.overloads.length > 0).length;
  const ends = [l.finish, l.now, ...rows.flatMap((r) => r.bars.map((b) => b.finish))];
  return {
    origin: l.origin,
    hours: span(...ends),
    rows,
    arrows: [],
    markers: [{ hour: l.now, label: "now", kind: "now" }],
    summary: `${l.lanes.length} agents; open work ends ${formatHours(l.finish - l.now)} from now` + (overloaded ? `; ${overloaded} overloaded` : ""),
    notes: l.unscheduled.map((u) => reasonText(u.task, u.reason)),
  };
}
