import { describe, expect, it } from "vitest";
import type { SynthesisResult } from "../generated/SynthesisResult";
import { conditionText, goalFailureText, methodFailureText, nestedFailure, percent, readingText, searchProgressText, synthesisText, unassignedText } from "./reasons";

const result = (outcome: SynthesisResult["outcome"]): SynthesisResult => ({
  mode: "optimal",
  heuristic: "lm_cut",
  start: {},
  target: [],
  actions_considered: 30,
  nodes_expanded: 36,
  nodes_generated: 80,
  elapsed_ms: 17.04,
  max_nodes: 100000,
  time_limit_ms: 10000,
  outcome,
});

describe("reasons", () => {
  it("writes conditions with the editor's operators", () => {
    expect(conditionText({ key: "stock.days", op: "ge", value: 21 })).toBe("stock.days ≥ 21");
    expect(conditionText({ key: "region", op: "in", value: ["eu", "us"] })).toBe("region in eu, us");
  });

  it("says where a value comes from", () => {
    expect(readingText({ value: true, from: { kind: "step", step: "S2" }, holds: true })).toBe("true from S2");
    expect(readingText({ value: null, from: { kind: "start" }, holds: false })).toBe("absent at the start");
  });

  it("rounds progress to whole percents", () => {
    expect(percent(0.654)).toBe("65%");
    expect(percent(1)).toBe("100%");
  });

  it("explains an unassigned task", () => {
    expect(unassignedText({ kind: "outscored", eligible_agents: 1, best_agent: "AG-5", best_score: 60, best_agent_takes: "T-15" })).toBe(
      "1 eligible agent, each given higher-scoring work: AG-5 would score 60 here but takes T-15",
    );
    expect(unassignedText({ kind: "missing_capability", capability: "courier", level: 3 })).toBe("no active agent holds courier at level 3");
  });

  it("explains a skipped method, nesting a failed sub-goal", () => {
    expect(methodFailureText({ kind: "condition", index: 0, condition: { key: "site.built", op: "eq", value: true }, actual: null })).toBe(
      "conditions[0] site.built = true fails (site.built is absent)",
    );
    expect(
      methodFailureText({ kind: "subgoal", position: 2, failure: { goal: "G-PAY", reason: { kind: "methods_failed", attempts: [] } } }),
    ).toBe("subtask 2: goal G-PAY cannot be decomposed: every method failed");
  });

  it("explains a method given up for a later failure, and the node limit", () => {
    const pay = { goal: "G-PAY", reason: { kind: "no_methods" as const } };
    const later = { kind: "later" as const, goal: "G-SHOP", method: "M-SHOP", position: 3, failure: { kind: "subgoal" as const, position: 3, failure: pay } };
    expect(methodFailureText(later)).toBe(
      "worked, but then subtask 3 of method M-SHOP (goal G-SHOP) failed: subtask 3: goal G-PAY cannot be decomposed: it has no methods",
    );
    expect(nestedFailure(later)).toBe(pay);
    expect(goalFailureText({ goal: "G-SHOP", reason: { kind: "node_limit", limit: 500 } })).toBe(
      "the search stopped after trying 500 methods (the node limit); a decomposition may exist",
    );
  });

  it("summarises a search", () => {
    const plan = { steps: [{ key: "S1", action: "A-3PL", name: "Outsource", cost: 9000 }], edges: [], cost: 9000 };
    expect(synthesisText(result({ kind: "found", plan }))).toBe("1 step, cost 9000 (36 nodes expanded in 17.0 ms)");
    expect(synthesisText(result({ kind: "limit_reached", limit: "max_nodes" }))).toBe(
      "No plan within the node budget of 100000 (36 nodes expanded in 17.0 ms)",
    );
    expect(synthesisText(result({ kind: "limit_reached", limit: "cancelled" }))).toBe("Cancelled before a plan was found (36 nodes expanded in 17.0 ms)");
    expect(synthesisText(result({ kind: "unreachable", index: 1, condition: { key: "stock.days", op: "ge", value: 21 } }))).toBe(
      "No plan: postconditions[1] stock.days ≥ 21 does not hold at the start and no action can make it hold",
    );
  });
});

describe("searchProgressText", () => {
  const progress = { nodes_expanded: 25_000, nodes_generated: 90_000, best_f: 12.5, elapsed_ms: 2_500, max_nodes: 100_000, time_limit_ms: 10_000 };
  it("measures against the nearer limit", () => {
    expect(searchProgressText(progress)).toEqual({ fraction: 0.25, text: "25000 states expanded, best f 12.5, 2.5 s" });
    expect(searchProgressText({ ...progress, elapsed_ms: 7_500 }).fraction).toBe(0.75);
    expect(searchProgressText({ ...progress, nodes_expanded: 200_000 }).fraction).toBe(1);
  });
});
