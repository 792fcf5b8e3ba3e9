import { useState } from "react";
import type { CommandError } from "../api";
import type { Action } from "../generated/Action";
import type { GoalNode } from "../generated/GoalNode";
import type { SubtaskKind } from "../generated/SubtaskKind";
import { errorFor, rowError } from "../lib/goalForm";
import { isMethodFieldError, moveRow, type MethodForm as Form, type SubtaskRow } from "../lib/methodForm";
import { FieldError } from "./FieldError";
import { ConditionRows } from "./RowEditors";

type Props = {
  initial: Form;
  goals: GoalNode[];
  actions: Action[];
  error: CommandError | null;
  saveLabel: string;
  onSave: (form: Form) => void;
  onCancel: () => void;
};

/** One method's fields: name, priority, ordered, conditions, and subtasks as an ordered list. */
export function MethodForm({ initial, goals, actions, error, saveLabel, onSave, onCancel }: Props) {
  const [form, setForm] = useState<Form>(initial);
  const set = (patch: Partial<Form>) => setForm((f) => ({ ...f, ...patch }));
  const setSubtasks = (subtasks: SubtaskRow[]) => set({ subtasks });
  const updateSubtask = (i: number, patch: Partial<SubtaskRow>) => setSubtasks(form.subtasks.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  const firstKey = (kind: SubtaskKind) => (kind === "goal" ? goals[0]?.key : actions[0]?.key) ?? "";

  return (
    <form
      className="method-card editing"
      data-testid="method-form"
      onSubmit={(e) => {
        e.preventDefault();
        onSave(form);
      }}
    >
      {error && !isMethodFieldError(error) && (
        <div className="banner error" role="alert" data-testid="method-error">
          {error.message}
        </div>
      )}
      <div className="grid">
        <div className="field wide" style={{ gridColumn: "1 / 3" }}>
          <label htmlFor="method-name">Name</label>
          <input
            id="method-name"
            value={form.name}
            aria-invalid={!!errorFor(error, "name")}
            aria-describedby="error-method-name"
            onChange={(e) => set({ name: e.target.value })}
          />
          <FieldError id="error-method-name" message={errorFor(error, "name")} />
        </div>
        <div className="field">
          <label htmlFor="method-priority">Priority (1–10)</label>
          <input
            id="method-priority"
            inputMode="numeric"
            value={form.priority}
            aria-invalid={!!errorFor(error, "priority")}
            aria-describedby="error-method-priority"
            onChange={(e) => set({ priority: e.target.value })}
          />
          <FieldError id="error-method-priority" message={errorFor(error, "priority")} />
        </div>
        <div className="field">
          <span className="label">Order</span>
          <label className="inline small" style={{ flexWrap: "nowrap" }}>
            <input type="checkbox" id="method-ordered" checked={form.ordered} onChange={(e) => set({ ordered: e.target.checked })} />
            Subtasks in sequence
          </label>
        </div>
      </div>

      <ConditionRows name="conditions" label="Conditions (all must hold)" rows={form.conditions} error={error} onChange={(conditions) => set({ conditions })} />

      <fieldset className="rows" data-testid="subtasks">
        <legend>Subtasks, in order</legend>
        <ul className="plain">
          {form.subtasks.map((s, i) => {
            const message = rowError(error, "subtasks", i);
            return (
              <li key={i} data-testid={`subtasks-${i}`}>
                <div className="subtask-row">
                  <span className="muted small subtask-number">{i + 1}.</span>
                  <select
                    aria-label={`Subtask ${i + 1} kind`}
                    value={s.kind}
                    data-testid={`subtasks-${i}-kind`}
                    onChange={(e) => {
                      const kind = e.target.value as SubtaskKind;
                      updateSubtask(i, { kind, key: firstKey(kind) });
                    }}
                  >
                    <option value="action">Action</option>
                    <option value="goal">Goal</option>
                  </select>
                  <select
                    className={`key${message ? " invalid" : ""}`}
                    aria-label={`Subtask ${i + 1}`}
                    value={s.key}
                    data-testid={`subtasks-${i}-key`}
                    aria-describedby={`error-subtasks-${i}`}
                    onChange={(e) => updateSubtask(i, { key: e.target.value })}
                  >
                    {(s.kind === "goal" ? goals.map((g) => [g.key, g.title]) : actions.map((a) => [a.key, a.name])).map(([k, label]) => (
                      <option key={k} value={k}>
                        {k} — {label}
                      </option>
                    ))}
                  </select>
                  <button type="button" className="icon" aria-label={`Move subtask ${i + 1} up`} disabled={i === 0} onClick={() => setSubtasks(moveRow(form.subtasks, i, -1))}>
                    ↑
                  </button>
                  <button
                    type="button"
                    className="icon"
                    aria-label={`Move subtask ${i + 1} down`}
                    disabled={i === form.subtasks.length - 1}
                    onClick={() => setSubtasks(moveRow(form.subtasks, i, 1))}
                  >
                    ↓
                  </button>
                  <button type="button" className="icon" aria-label={`Remove subtask ${i + 1}`} onClick={() => setSubtasks(form.subtasks.filter((_, j) => j !== i))}>
                    ×
                  </button>
                </div>
                <FieldError id={`error-subtasks-${i}`} message={message} />
              </li>
            );
          })}
        </ul>
        {form.subtasks.length === 0 && <p className="muted small">No subtasks: the goal then needs nothing more.</p>}
        <button type="button" className="link" data-testid="subtasks-add" onClick={() => setSubtasks([...form.subtasks, { kind: "action", key: firstKey("action") }])}>
          + Add subtask
        </button>
      </fieldset>

      <div className="modal-actions">
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="primary" data-testid="method-save">
          {saveLabel}
        </button>
      </div>
    </form>
  );
}
