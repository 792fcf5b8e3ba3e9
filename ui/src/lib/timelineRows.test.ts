import { describe, expect, it } from "vitest";
import type { AgentLanes } from "../generated/AgentLanes";
import type { PlanTimeline } from "../generated/PlanTimeline";
import type { StepBar } from "../generated/StepBar";
import type { TaskBar } from "../generated/TaskBar";
import { lanesChart, planChart, reasonText } from "./timelineRows";

const step = (step: string, start: number, duration: number, slack: number, more: Partial<StepBar> = {}): StepBar => ({
  step,
  action: `A-${step}`,
  duration,
  earliest_start: start,
  earliest_finish: start + duration,
  slack,
  critical: slack === 0,
  task: null,
  status: null,
  actual_start: null,
  actual_finish: null,
  projected_start: start,
  projected_finish: start + duration,
  ...more,
});

const plan = (more: Partial<PlanTimeline> = {}): PlanTimeline => ({
  plan: "P-1",
  origin: "2026-12-01T08:00:00.000Z",
  started: false,
  now: 0,
  duration_hours: 5,
  projected_finish: 5,
  deadline: null,
  steps: [step("S1", 0, 2, 0), step("S2", 2, 1, 2), step("S3", 2, 3, 0)],
  edges: [
    { before: "S1", after: "S2", critical: false },
    { before: "S1", after: "S3", critical: true },
  ],
  ...more,
});

describe("a plan's Gantt rows", () => {
  it("draws a planned bar per step, critical ones as such, slack after the bar", () => {
    const c = planChart(plan());
    expect(c.rows.map((r) => r.id)).toEqual(["S1", "S2", "S3"]);
    expect(c.rows[0].bars.map((b) => b.kind)).toEqual(["critical"]);
    expect(c.rows[1].bars.map((b) => [b.kind, b.start, b.finish])).toEqual([
      ["planned", 2, 3],
      ["slack", 3, 5],
    ]);
    expect(c.summary).toContain("not started");
  });

  it("draws each edge from the end of the first step to the start of the second", () => {
    const c = planChart(plan());
    expect(c.arrows).toEqual([
      { from: { row: 0, hour: 2 }, to: { row: 1, hour: 2 }, critical: false },
      { from: { row: 0, hour: 2 }, to: { row: 2, hour: 2 }, critical: true },
    ]);
  });

  it("ignores an edge naming a step the chart does not have", () => {
    const c = planChart(plan({ edges: [{ before: "S1", after: "S9", critical: false }] }));
    expect(c.arrows).toEqual([]);
  });

  it("adds what ran and what is expected once the plan runs, and the now line and deadline", () => {
    const c = planChart(
      plan({
        started: true,
        now: 3,
        deadline: 4,
        projected_finish: 6,
        steps: [
          step("S1", 0, 2, 0, { task: "T-1", status: "done", actual_start: 0.5, actual_finish: 2.5, projected_start: 0.5, projected_finish: 2.5 }),
          step("S2", 2, 1, 2, { task: "T-2", status: "todo", projected_start: 3, projected_finish: 4 }),
        ],
        edges: [],
      }),
    );
    const runs = c.rows.map((r) => r.bars.find((b) => b.kind === "run")!);
    expect(runs.map((b) => [b.start, b.finish, b.status, b.projected, b.task])).toEqual([
      [0.5, 2.5, "done", false, "T-1"],
      [3, 4, "todo", true, "T-2"],
    ]);
    expect(c.markers).toEqual([
      { hour: 3, label: "now", kind: "now" },
      { hour: 4, label: "deadline", kind: "deadline" },
    ]);
    expect(c.summary).toContain("after its deadline");
    expect(c.hours).toBeGreaterThan(6);
  });
});

const bar = (task: string, start: number, finish: number, status: TaskBar["status"] = "todo"): TaskBar => ({
  task,
  title: `Task ${task}`,
  status,
  priority: 5,
  effort: finish - start,
  start,
  finish,
  deadline: null,
  depends_on: [],
  plan: "P-1",
});

const lanes = (): AgentLanes => ({
  origin: "2026-12-01T08:00:00.000Z",
  now: 1,
  finish: 9,
  lanes: [
    {
      agent: "AG-1",
      name: "Picker",
      capacity: 4,
      workload: 8,
      bars: [bar("T-1", 0, 1, "done"), bar("T-2", 1, 5), bar("T-3", 5, 9)],
      overloads: [
        { kind: { kind: "over_capacity", open_effort: 8, capacity: 4 }, start: 1, finish: 5 },
        { kind: { kind: "past_deadline", task: "T-3" }, start: 7, finish: 9 },
      ],
    },
    { agent: "AG-2", name: "Packer", capacity: 8, workload: 0, bars: [], overloads: [] },
  ],
  unassigned: [bar("T-9", 1, 3)],
  unscheduled: [{ task: "T-7", assignee: null, reason: { kind: "failed_dependency", dependency: "T-6" } }],
});

describe("the agents' lanes", () => {
  it("gives each agent a row with its tasks, workload and overload, then the unassigned", () => {
    const c = lanesChart(lanes());
    expect(c.rows.map((r) => [r.id, r.warn])).toEqual([
      ["AG-1", true],
      ["AG-2", false],
      ["unassigned", false],
    ]);
    expect(c.rows[0].detail).toBe("AG-1 · 8 / 4 h");
    expect(c.rows[0].bands.map((b) => b.title)).toEqual(["Over capacity: 8 h of open work for a capacity of 4 h", "T-3 finishes after its deadline"]);
    expect(c.rows[0].bars.map((b) => [b.task, b.late])).toEqual([
      ["T-1", false],
      ["T-2", false],
      ["T-3", true],
    ]);
    expect(c.summary).toBe("2 agents; open work ends 8 h from now; 1 overloaded");
    expect(c.notes).toEqual(["T-7 waits on T-6, which failed"]);
  });

  it("says why each kind of task cannot be scheduled", () => {
    expect(reasonText("T-1", { kind: "cycle", cycle: ["T-1", "T-2"] })).toBe("T-1 is on a dependency cycle: T-1, T-2");
    expect(reasonText("T-1", { kind: "missing_dependency", dependency: "T-X" })).toContain("no task has");
    expect(reasonText("T-1", { kind: "waits_on", dependency: "T-2" })).toContain("cannot be scheduled");
  });
});

describe("a deadline", () => {
  it("is drawn when it is near the work, and only named when it is far beyond it", () => {
    const near = planChart(plan({ deadline: 8 }));
    expect(near.markers.map((m) => m.kind)).toEqual(["now", "deadline"]);
    expect(near.hours).toBeGreaterThan(8);
    expect(near.summary).toContain("deadline 8 h after the start");
    const far = planChart(plan({ deadline: 2000 }));
    expect(far.markers.map((m) => m.kind)).toEqual(["now"]);
    expect(far.hours).toBeLessThan(20);
    expect(far.summary).toContain("deadline 83 d 8 h after the start");
  });
});
