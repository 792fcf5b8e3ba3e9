// The goal editor's form: every field as the text the user is typing, and the
// conversion to and from the core's GoalFields. The core validates; this only reads.

import type { CommandError } from "../generated/CommandError";
import type { Condition } from "../generated/Condition";
import type { Effect } from "../generated/Effect";
import type { GoalFields } from "../generated/GoalFields";
import type { GoalKind } from "../generated/GoalKind";
import type { GoalMode } from "../generated/GoalMode";
import type { Metric } from "../generated/Metric";
import type { Op } from "../generated/Op";
import type { Refinement } from "../generated/Refinement";
import { formatOperand, formatValue, parseNumber, parseOperand, parseValue } from "./values";

export type ConditionRow = { key: string; op: Op; value: string };
export type EffectRow = { key: string; value: string };
export type MetricRow = { name: string; target: string; current: string; unit: string };

export type GoalForm = {
  title: string;
  description: string;
  priority: string;
  kind: GoalKind;
  mode: GoalMode;
  refinement: Refinement;
  preconditions: ConditionRow[];
  postconditions: ConditionRow[];
  effects: EffectRow[];
  metrics: MetricRow[];
};

export type ConditionList = "preconditions" | "postconditions";

export function conditionRow(c: Condition): ConditionRow {
  return { key: c.key, op: c.op, value: formatOperand(c.value) };
}

export function condition(row: ConditionRow): Condition {
  return { key: row.key.trim(), op: row.op, value: parseOperand(row.op, row.value) };
}

export function effectRow(e: Effect): EffectRow {
  return { key: e.key, value: formatValue(e.value) };
}

export function effect(row: EffectRow): Effect {
  return { key: row.key.trim(), value: parseValue(row.value) };
}

export function metricRow(m: Metric): MetricRow {
  return { name: m.name, target: String(m.target), current: String(m.current ?? 0), unit: m.unit ?? "" };
}

export function metric(row: MetricRow): Metric {
  return { name: row.name, target: parseNumber(row.target), current: parseNumber(row.current), unit: row.unit };
}

export function formFromFields(f: GoalFields): GoalForm {
  return {
    title: f.title,
    description: f.description ?? "",
    priority: String(f.priority),
    kind: f.kind,
    mode: f.mode,
    refinement: f.refinement,
    preconditions: (f.preconditions ?? []).map(conditionRow),
    postconditions: (f.postconditions ?? []).map(conditionRow),
    effects: (f.effects ?? []).map(effectRow),
    metrics: (f.metrics ?? []).map(metricRow),
  };
}

export function fieldsFromForm(form: GoalForm): GoalFields {
  return {
    title: form.title,
    description: form.description,
    priority: parseNumber(form.priority),
    kind: form.kind,
    mode: form.mode,
    refinement: form.refinement,
    preconditions: form.preconditions.map(condition),
    postconditions: form.postconditions.map(condition),
    effects: form.effects.map(effect),
    metrics: form.metrics.map(metric),
  };
}

export const EMPTY_CONDITION: ConditionRow = { key: "", op: "eq", value: "" };
export const EMPTY_EFFECT: EffectRow = { key: "", value: "" };
export const EMPTY_METRIC: MetricRow = { name: "", target: "", current: "0", unit: "" };

/** The message for exactly `field` (`title`, `priority`). */
export function errorFor(error: CommandError | null, field: string): string | undefined {
  return error?.field === field ? error.message : undefined;
}

/** The message for row `index` of a list field, whichever of its cells is at fault. */
export function rowError(error: CommandError | null, list: string, index: number): string | undefined {
  const f = error?.field;
  if (!f) return undefined;
  const row = `${list}[${index}]`;
  return f === row || f.startsWith(`${row}.`) ? error!.message : undefined;
}

/** The cell of a row at fault, if the error names one (`metrics[0].target` → `target`). */
export function rowErrorCell(error: CommandError | null, list: string, index: number): string | undefined {
  const f = error?.field;
  const prefix = `${list}[${index}].`;
  return f?.startsWith(prefix) ? f.slice(prefix.length) : undefined;
}

const FORM_FIELDS = ["title", "description", "priority", "kind", "mode", "refinement", "preconditions", "postconditions", "effects", "metrics"];

/** Whether the editor shows this error beside a field (otherwise it shows it on top). */
export function isFieldError(error: CommandError | null): boolean {
  const f = error?.field;
  return !!f && FORM_FIELDS.some((name) => f === name || f.startsWith(`${name}[`));
}
