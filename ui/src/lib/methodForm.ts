// The method editor's form: fields as typed, and the conversion to and from the core's
// MethodFields. The core validates; this only reads.

import type { CommandError } from "../generated/CommandError";
import type { MethodFields } from "../generated/MethodFields";
import type { SubtaskKind } from "../generated/SubtaskKind";
import { condition, conditionRow, type ConditionRow } from "./goalForm";
import { parseNumber } from "./values";

export type SubtaskRow = { kind: SubtaskKind; key: string };

export type MethodForm = {
  name: string;
  priority: string;
  ordered: boolean;
  conditions: ConditionRow[];
  subtasks: SubtaskRow[];
};

export const NEW_METHOD: MethodForm = { name: "", priority: "5", ordered: true, conditions: [], subtasks: [] };

export function formFromMethod(m: MethodFields): MethodForm {
  return {
    name: m.name,
    priority: String(m.priority),
    ordered: m.ordered,
    conditions: m.conditions.map(conditionRow),
    subtasks: m.subtasks.map((s) => ({ kind: s.kind, key: s.key })),
  };
}

export function fieldsFromMethodForm(form: MethodForm): MethodFields {
  return {
    name: form.name,
    priority: parseNumber(form.priority),
    ordered: form.ordered,
    conditions: form.conditions.map(condition),
    subtasks: form.subtasks.map((s) => ({ kind: s.kind, key: s.key.trim() })),
  };
}

/** Moves row `from` by `by` places (−1 up, +1 down); out of range leaves the list as it is. */
export function moveRow<T>(rows: T[], from: number, by: number): T[] {
  const to = from + by;
  if (from < 0 || from >= rows.length || to < 0 || to >= rows.length) return rows;
  const next = [...rows];
  const [row] = next.splice(from, 1);
  next.splice(to, 0, row);
  return next;
}

const FORM_FIELDS = ["name", "priority", "ordered", "conditions", "subtasks"];

/** Whether the method editor shows this error beside one of its fields (else on top). */
export function isMethodFieldError(error: CommandError | null): boolean {
  const f = error?.field;
  return !!f && FORM_FIELDS.some((name) => f === name || f.startsWith(`${name}[`));
}
