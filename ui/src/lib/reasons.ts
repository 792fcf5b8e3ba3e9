// The planning reports' reasons in words: why a task stays unassigned, why a method was
// skipped, why a search found no plan, where a fact's value comes from. Only wording
// lives here; every verdict is the core's.

import type { Condition } from "../generated/Condition";
import type { GoalFailure } from "../generated/GoalFailure";
import type { MethodFailure } from "../generated/MethodFailure";
import type { Reading } from "../generated/Reading";
import type { SearchProgress } from "../generated/SearchProgress";
import type { SynthesisResult } from "../generated/SynthesisResult";
import type { UnassignedReason } from "../generated/UnassignedReason";
import type { Value } from "../generated/Value";
import { formatOperand, formatValue, OPS } from "./values";

/** `stock.days ≥ 21`, `region in eu, us`. */
export function conditionText(c: Condition): string {
  return `${c.key} ${OPS.find((o) => o.op === c.op)?.label ?? c.op} ${formatOperand(c.value)}`;
}

/** A fact's value as the rows write it; an absent fact is unknown. */
export function valueText(value: Value | null): string {
  return value === null ? "absent" : formatValue(value);
}

/** `true from S2`, `absent at the start`. */
export function readingText(r: Reading): string {
  return `${valueText(r.value)} ${r.from.kind === "start" ? "at the start" : `from ${r.from.step}`}`;
}

/** 0.654 → "65%". */
export function percent(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function unassignedText(r: UnassignedReason): string {
  switch (r.kind) {
    case "blocked":
      return "marked blocked: it cannot progress, so it would only hold capacity";
    case "no_active_agent":
      return "no agent is active";
    case "missing_capability":
      return `no active agent holds ${r.capability} at level ${r.level}`;
    case "no_agent_holds_all":
      return `no single agent holds all of ${r.requires.map((c) => `${c.capability} ≥ ${c.level}`).join(", ")}`;
    case "no_spare_capacity":
      return `${plural(r.capable_agents, "capable agent")}, none with ${r.effort} h to spare (most spare: ${r.most_spare} h)`;
    case "outscored":
      return `${plural(r.eligible_agents, "eligible agent")}, each given higher-scoring work: ${r.best_agent} would score ${r.best_score} here but takes ${r.best_agent_takes}`;
  }
}

/** Why one method could not be used, on one line (a failed sub-goal's own reasons are nested by the caller). */
export function methodFailureText(f: MethodFailure): string {
  switch (f.kind) {
    case "condition":
      return `conditions[${f.index}] ${conditionText(f.condition)} fails (${f.condition.key} is ${valueText(f.actual)})`;
    case "action":
      return `subtask ${f.position}: action ${f.action} is not applicable: preconditions[${f.index}] ${conditionText(f.condition)} fails (${f.condition.key} is ${valueText(f.actual)})`;
    case "unknown_action":
      return `subtask ${f.position}: no action has the key ${f.action}`;
    case "subgoal":
      return `subtask ${f.position}: goal ${f.failure.goal} cannot be decomposed: ${goalFailureText(f.failure)}`;
    case "later":
      return `worked, but then subtask ${f.position} of method ${f.method} (goal ${f.goal}) failed: ${methodFailureText(f.failure)}`;
  }
}

/** The failed sub-goal a method failure holds, directly or after a later subtask: what to nest below it. */
export function nestedFailure(f: MethodFailure): GoalFailure | null {
  switch (f.kind) {
    case "subgoal":
      return f.failure;
    case "later":
      return nestedFailure(f.failure);
    default:
      return null;
  }
}

export function goalFailureText(f: GoalFailure): string {
  switch (f.reason.kind) {
    case "no_methods":
      return "it has no methods";
    case "cycle":
      return `it decomposes into itself: ${f.reason.chain.join(" → ")}`;
    case "depth_limit":
      return `goals nest deeper than ${f.reason.limit}`;
    case "methods_failed":
      return "every method failed";
    case "node_limit":
      return `the search stopped after trying ${f.reason.limit} methods (the node limit); a decomposition may exist`;
  }
}

/** The result line of a search: what it found, or why there is no plan. */
export function synthesisText(r: SynthesisResult): string {
  const searched = `${plural(r.nodes_expanded, "node")} expanded in ${r.elapsed_ms.toFixed(1)} ms`;
  switch (r.outcome.kind) {
    case "found":
      return `${plural(r.outcome.plan.steps.length, "step")}, cost ${r.outcome.plan.cost} (${searched})`;
    case "limit_reached":
      switch (r.outcome.limit) {
        case "max_nodes":
          return `No plan within the node budget of ${r.max_nodes} (${searched})`;
        case "time_limit":
          return `No plan within the time limit of ${r.time_limit_ms} ms (${searched})`;
        case "cancelled":
          return `Cancelled before a plan was found (${searched})`;
      }
    case "unsolvable":
      return `No plan exists: the search space is exhausted (${searched})`;
    case "unreachable":
      return `No plan: postconditions[${r.outcome.index}] ${conditionText(r.outcome.condition)} does not hold at the start and no action can make it hold`;
  }
}

/**
 * How far a running search is towards its nearer limit (0–1: nodes against the budget,
 * time against the limit), and a line saying what it has done so far.
 */
export function searchProgressText(p: SearchProgress): { fraction: number; text: string } {
  const fraction = Math.min(1, Math.max(p.nodes_expanded / Math.max(1, p.max_nodes), p.elapsed_ms / Math.max(1, p.time_limit_ms)));
  const seconds = (p.elapsed_ms / 1000).toFixed(1);
  return { fraction, text: `${plural(p.nodes_expanded, "state")} expanded, best f ${Number(p.best_f.toFixed(2))}, ${seconds} s` };
}
