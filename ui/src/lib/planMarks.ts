// What the plan canvas marks on its steps and edges, from the core's plan checks: the
// steps whose preconditions fail in some order (with why), the critical path, and the
// causal links (which step supplies which precondition of which other step).

import type { CriticalPath } from "../generated/CriticalPath";
import type { PlanValidation } from "../generated/PlanValidation";
import { conditionText, readingText } from "./reasons";

export type StepMark = { broken: string[]; critical: boolean };

/** Per step: why it is broken (one line per failing precondition) and whether it is critical. */
export function stepMarks(validation: PlanValidation | null, path: CriticalPath | null): Map<string, StepMark> {
  const marks = new Map<string, StepMark>();
  const mark = (step: string) => {
    if (!marks.has(step)) marks.set(step, { broken: [], critical: false });
    return marks.get(step)!;
  };
  for (const b of validation?.broken_steps ?? []) {
    const failing = b.readings.filter((r) => !r.holds).map(readingText);
    mark(b.step).broken.push(`${conditionText(b.condition)} fails: ${failing.join(", ")}`);
  }
  for (const step of path?.critical_steps ?? []) mark(step).critical = true;
  return marks;
}

/** The ids ("before->after") of the edges on the critical path. */
export function criticalEdgeIds(path: CriticalPath | null): Set<string> {
  return new Set((path?.critical_edges ?? []).map((e) => `${e.before}->${e.after}`));
}

export type CausalLink = { id: string; source: string; target: string; facts: string[] };

/** One link per supplying step and consuming step, naming the facts it carries. */
export function causalLinks(validation: PlanValidation | null): CausalLink[] {
  const links = new Map<string, CausalLink>();
  for (const c of validation?.causal_links ?? []) {
    for (const r of c.readings) {
      if (r.from.kind !== "step" || r.from.step === c.step) continue;
      const id = `causal:${r.from.step}->${c.step}`;
      if (!links.has(id)) links.set(id, { id, source: r.from.step, target: c.step, facts: [] });
      const facts = links.get(id)!.facts;
      if (!facts.includes(c.condition.key)) facts.push(c.condition.key);
    }
  }
  return [...links.values()];
}
