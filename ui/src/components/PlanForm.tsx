// The fields of a plan, for a new plan (with the goal it is for) or an existing one.
// The core validates; every refusal shows beside the field it names. An existing plan's
// form keeps its edits when the plan is saved elsewhere meanwhile, and says so.

import { useState } from "react";
import type { CommandError } from "../api";
import type { GoalNode } from "../generated/GoalNode";
import type { PlanFields } from "../generated/PlanFields";
import { errorFor, type ConditionRow } from "../lib/goalForm";
import { isPlanFieldError, planFieldsFromForm, planFormFromFields, type PlanForm as Form } from "../lib/planForm";
import { ChangedElsewhere } from "./ChangedElsewhere";
import { FieldError } from "./FieldError";
import { ConditionRows } from "./RowEditors";
import { useEditedForm } from "./useEditedForm";

type Props = {
  /** Set for a new plan: the goals it may be for, and the one picked first. */
  goals?: { all: GoalNode[]; initial: string | null };
  initial: PlanFields;
  error: CommandError | null;
  onSave: (fields: PlanFields, goal: string | null) => void;
  onCancel: () => void;
};

export function PlanForm({ goals, initial, error, onSave, onCancel }: Props) {
  const loaded = planFormFromFields(initial);
  const edited = useEditedForm<Form>(loaded);
  const form = edited.form ?? loaded;
  const [goal, setGoal] = useState<string>(goals?.initial ?? goals?.all[0]?.key ?? "");
  const set = <K extends keyof Form>(key: K, value: Form[K]) => edited.setForm((f) => ({ ...(f ?? loaded), [key]: value }));
  const rows = (name: "preconditions" | "postconditions" | "constraints", label: string) => (
    <ConditionRows name={name} label={label} rows={form[name]} error={error} onChange={(r: ConditionRow[]) => set(name, r)} />
  );
  const goalError = error && error.entity === "goal" ? error.message : undefined;

  return (
    <form
      className="plan-form"
      data-testid="plan-form"
      onSubmit={(e) => {
        e.preventDefault();
        onSave(planFieldsFromForm(form), goals ? goal : null);
      }}
    >
      {error && !isPlanFieldError(error) && !goalError && (
        <div className="banner error" role="alert" data-testid="plan-form-error">
          {error.message}
        </div>
      )}
      <div className="grid">
        {goals && (
          <div className="field">
            <label htmlFor="plan-goal">For goal</label>
            <select id="plan-goal" data-testid="plan-goal" value={goal} onChange={(e) => setGoal(e.target.value)} aria-invalid={!!goalError}>
              {goals.all.map((g) => (
                <option key={g.key} value={g.key}>
                  {g.key} — {g.title}
                </option>
              ))}
            </select>
            <FieldError id="error-plan-goal" message={goalError} />
          </div>
        )}
        <div className={`field ${goals ? "span-3" : "wide"}`}>
          <label htmlFor="plan-title">Title</label>
          <input id="plan-title" data-testid="plan-title" value={form.title} onChange={(e) => set("title", e.target.value)} aria-invalid={!!errorFor(error, "title")} />
          <FieldError id="error-plan-title" message={errorFor(error, "title")} />
        </div>
        <div className="field">
          <label htmlFor="plan-priority">Priority (1–10)</label>
          <input id="plan-priority" data-testid="plan-priority" inputMode="numeric" value={form.priority} onChange={(e) => set("priority", e.target.value)} aria-invalid={!!errorFor(error, "priority")} />
          <FieldError id="error-plan-priority" message={errorFor(error, "priority")} />
        </div>
        <div className="field">
          <label htmlFor="plan-budget">Budget</label>
          <input id="plan-budget" data-testid="plan-budget" inputMode="decimal" placeholder="none" value={form.budget} onChange={(e) => set("budget", e.target.value)} aria-invalid={!!errorFor(error, "budget")} />
          <FieldError id="error-plan-budget" message={errorFor(error, "budget")} />
        </div>
        <div className="field span-2">
          <label htmlFor="plan-deadline">Deadline (RFC 3339)</label>
          <input id="plan-deadline" data-testid="plan-deadline" placeholder="2027-03-31T17:00:00Z" value={form.deadline} onChange={(e) => set("deadline", e.target.value)} aria-invalid={!!errorFor(error, "deadline")} />
          <FieldError id="error-plan-deadline" message={errorFor(error, "deadline")} />
        </div>
      </div>
      {rows("preconditions", "Preconditions")}
      {rows("postconditions", "Postconditions")}
      {rows("constraints", "Constraints (hold throughout)")}
      <div className="form-actions">
        <button type="submit" className="primary" data-testid="save-plan">
          {goals ? "Create plan" : "Save"}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        {!goals && edited.changedElsewhere && <ChangedElsewhere entity="plan" testId="plan-changed-elsewhere" onReload={edited.revert} />}
      </div>
    </form>
  );
}
