import { useState } from "react";
import { api } from "../api";
import type { Action } from "../generated/Action";
import { ACTION_FIELDS, actionFields, actionForm, type ActionForm } from "../lib/actionForm";
import { errorFor } from "../lib/goalForm";
import { CapabilityChips } from "./CapabilityChips";
import { CatalogEditor, useCatalogGestures } from "./CatalogEditor";
import { FieldError } from "./FieldError";
import { ConditionRows, EffectRows } from "./RowEditors";
import { TextField } from "./TextField";
import { useEditedForm } from "./useEditedForm";

const BLANK: ActionForm = actionForm({ name: "", description: "", cost: 0, duration: 1, requires: [], preconditions: [], effects: [] });

type Props = {
  /** The action to edit, or null for a new one. */
  action: Action | null;
  capabilities: string[];
  onSaved: (key: string) => void;
  onDeleted: () => void;
};

/** Every field of one action, saved as one gesture. */
export function ActionEditor({ action, capabilities, onSaved, onDeleted }: Props) {
  const { form, setForm, dirty, changedElsewhere, revert } = useEditedForm<ActionForm>(action ? actionForm(action) : BLANK);
  const [newKey, setNewKey] = useState("");
  const { error, busy, save, remove } = useCatalogGestures(onSaved);
  if (!form) return null;

  const set = <K extends keyof ActionForm>(field: K, value: ActionForm[K]) => setForm({ ...form, [field]: value });
  const fieldError = (field: string) => errorFor(error, field);
  const fields = () => actionFields(form);

  return (
    <CatalogEditor
      noun="action"
      entry={action}
      fields={ACTION_FIELDS}
      error={error}
      busy={busy}
      dirty={dirty}
      changedElsewhere={changedElsewhere}
      onSave={() => save(() => (action ? api.updateAction(action.key, fields()) : api.createAction(fields(), newKey.trim() || null)))}
      onRevert={revert}
      onDelete={() => action && remove(async () => {
          await api.deleteAction(action.key);
          onDeleted();
        })}
    >
      <div className="grid">
        {!action && (
          <TextField wide id="action-key" label="Key (blank: next free A-n)" value={newKey} error={fieldError("key")} onChange={setNewKey} />
        )}
        <TextField wide id="action-name" label="Name" value={form.name} error={fieldError("name")} onChange={(v) => set("name", v)} autoFocus={!action} />
        <div className="field wide">
          <label htmlFor="action-description">Description</label>
          <textarea id="action-description" rows={2} value={form.description} data-testid="action-description" onChange={(e) => set("description", e.target.value)} />
          <FieldError id="error-action-description" message={fieldError("description")} />
        </div>
        <TextField id="action-cost" label="Cost" numeric value={form.cost} error={fieldError("cost")} onChange={(v) => set("cost", v)} />
        <TextField id="action-duration" label="Duration (hours)" numeric value={form.duration} error={fieldError("duration")} onChange={(v) => set("duration", v)} />
      </div>
      <CapabilityChips name="requires" label="Requires (minimum level)" list={form.requires} known={capabilities} error={error} onChange={(v) => set("requires", v)} />
      <ConditionRows name="preconditions" label="Preconditions" rows={form.preconditions} error={error} onChange={(v) => set("preconditions", v)} />
      <EffectRows name="effects" label="Effects" rows={form.effects} error={error} onChange={(v) => set("effects", v)} />
    </CatalogEditor>
  );
}
