import { describe, expect, it } from "vitest";
import type { CriticalPath } from "../generated/CriticalPath";
import type { PlanValidation } from "../generated/PlanValidation";
import { causalLinks, criticalEdgeIds, stepMarks } from "./planMarks";

const cond = (key: string) => ({ key, op: "eq" as const, value: true });
const validation = {
  broken_steps: [
    {
      step: "S3",
      action: "A-SHIP",
      condition: cond("paid"),
      readings: [
        { value: true, from: { kind: "step", step: "S1" }, holds: true },
        { value: null, from: { kind: "start" }, holds: false },
      ],
    },
  ],
  causal_links: [
    { step: "S2", action: "A-PACK", condition: cond("picked"), readings: [{ value: true, from: { kind: "step", step: "S1" }, holds: true }] },
    { step: "S2", action: "A-PACK", condition: cond("boxed"), readings: [{ value: true, from: { kind: "step", step: "S1" }, holds: true }] },
    { step: "S4", action: "A-MAIL", condition: cond("open"), readings: [{ value: true, from: { kind: "start" }, holds: true }] },
  ],
} as unknown as PlanValidation;
const path = { critical_steps: ["S1", "S2"], critical_edges: [{ before: "S1", after: "S2" }] } as unknown as CriticalPath;

describe("plan marks", () => {
  it("says why a step is broken, naming only the failing readings", () => {
    const marks = stepMarks(validation, path);
    expect(marks.get("S3")).toStrictEqual({ broken: ["paid = true fails: absent at the start"], critical: false });
    expect(marks.get("S1")).toStrictEqual({ broken: [], critical: true });
    expect(marks.has("S4")).toBe(false);
  });

  it("lists the critical edges by id", () => {
    expect([...criticalEdgeIds(path)]).toStrictEqual(["S1->S2"]);
    expect(criticalEdgeIds(null).size).toBe(0);
  });

  it("draws one causal link per pair of steps, with every fact it carries, and none from the start", () => {
    expect(causalLinks(validation)).toStrictEqual([{ id: "causal:S1->S2", source: "S1", target: "S2", facts: ["picked", "boxed"] }]);
  });
});
