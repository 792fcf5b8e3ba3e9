// The plan form: every field as the text the user is typing, and the conversion to and
// from the core's PlanFields. The core validates; this only reads.

import type { CommandError } from "../generated/CommandError";
import type { PlanFields } from "../generated/PlanFields";
import { condition, conditionRow, type ConditionRow } from "./goalForm";
import { parseNumber } from "./values";

export type PlanForm = {
  title: string;
  priority: string;
  budget: string;
  deadline: string;
  preconditions: ConditionRow[];
  postconditions: ConditionRow[];
  constraints: ConditionRow[];
};

export function planFormFromFields(f: PlanFields): PlanForm {
  return {
    title: f.title ?? "",
    priority: String(f.priority),
    budget: f.budget == null ? "" : String(f.budget),
    deadline: f.deadline ?? "",
    preconditions: (f.preconditions ?? []).map(conditionRow),
    postconditions: (f.postconditions ?? []).map(conditionRow),
    constraints: (f.constraints ?? []).map(conditionRow),
  };
}

/** An empty budget is no budget; text that is not a number goes to the core as typed,
 *  so that it is refused beside the budget field rather than dropped. */
function budget(text: string): number | null {
  if (text.trim() === "") return null;
  const n = Number(text.trim());
  return (Number.isNaN(n) ? text : n) as number;
}

export function planFieldsFromForm(form: PlanForm): PlanFields {
  return {
    title: form.title,
    priority: parseNumber(form.priority),
    budget: budget(form.budget),
    deadline: form.deadline.trim() === "" ? null : form.deadline.trim(),
    preconditions: form.preconditions.map(condition),
    postconditions: form.postconditions.map(condition),
    constraints: form.constraints.map(condition),
  };
}

const PLAN_FIELDS = ["title", "priority", "budget", "deadline", "preconditions", "postconditions", "constraints"];

/** Whether the plan form shows this error beside a field (otherwise above the form). */
export function isPlanFieldError(error: CommandError | null): boolean {
  const f = error?.field;
  return !!f && PLAN_FIELDS.some((name) => f === name || f.startsWith(`${name}[`));
}
