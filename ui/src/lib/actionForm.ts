// The action form: every field as the text being typed, and the conversion to and from
// the core's ActionFields. The core validates; this only reads.

import type { ActionFields } from "../generated/ActionFields";
import type { CapabilityLevel } from "../generated/CapabilityLevel";
import { condition, conditionRow, effect, effectRow, type ConditionRow, type EffectRow } from "./goalForm";
import { parseNumber } from "./values";

export type ActionForm = {
  name: string;
  description: string;
  cost: string;
  duration: string;
  requires: CapabilityLevel[];
  preconditions: ConditionRow[];
  effects: EffectRow[];
};

export const ACTION_FIELDS = ["name", "description", "cost", "duration", "requires", "preconditions", "effects"] as const;

export function actionForm(f: ActionFields): ActionForm {
  return {
    name: f.name,
    description: f.description ?? "",
    cost: String(f.cost),
    duration: String(f.duration),
    requires: f.requires ?? [],
    preconditions: (f.preconditions ?? []).map(conditionRow),
    effects: (f.effects ?? []).map(effectRow),
  };
}

export function actionFields(form: ActionForm): ActionFields {
  return {
    name: form.name,
    description: form.description,
    cost: parseNumber(form.cost),
    duration: parseNumber(form.duration),
    requires: form.requires,
    preconditions: form.preconditions.map(condition),
    effects: form.effects.map(effect),
  };
}
