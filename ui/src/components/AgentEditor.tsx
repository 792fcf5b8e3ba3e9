import { useState } from "react";
import { api } from "../api";
import type { Agent } from "../generated/Agent";
import { AGENT_FIELDS, agentFields, agentForm, type AgentForm } from "../lib/agentForm";
import { isOverCapacity, loadLabel } from "../lib/board";
import { errorFor } from "../lib/goalForm";
import { CapabilityChips } from "./CapabilityChips";
import { CatalogEditor, useCatalogGestures } from "./CatalogEditor";
import { FieldError } from "./FieldError";
import { TextField } from "./TextField";
import { useEditedForm } from "./useEditedForm";

const BLANK: AgentForm = agentForm({ name: "", experience: 0, capacity: 40, active: true, capabilities: [] });

type Props = {
  /** The agent to edit, or null for a new one. */
  agent: Agent | null;
  capabilities: string[];
  onSaved: (key: string) => void;
  onDeleted: (unassigned: string[]) => void;
};

/** Every field of one agent, saved as one gesture; its workload is derived, shown only. */
export function AgentEditor({ agent, capabilities, onSaved, onDeleted }: Props) {
  const { form, setForm, dirty, changedElsewhere, revert } = useEditedForm<AgentForm>(agent ? agentForm(agent) : BLANK);
  const [newKey, setNewKey] = useState("");
  const { error, busy, save, remove } = useCatalogGestures(onSaved);
  if (!form) return null;

  const set = <K extends keyof AgentForm>(field: K, value: AgentForm[K]) => setForm({ ...form, [field]: value });
  const fieldError = (field: string) => errorFor(error, field);
  const fields = () => agentFields(form);

  return (
    <CatalogEditor
      noun="agent"
      entry={agent}
      fields={AGENT_FIELDS}
      error={error}
      busy={busy}
      dirty={dirty}
      changedElsewhere={changedElsewhere}
      onSave={() => save(() => (agent ? api.updateAgent(agent.key, fields()) : api.createAgent(fields(), newKey.trim() || null)))}
      onRevert={revert}
      onDelete={() => agent && remove(async () => onDeleted(await api.deleteAgent(agent.key)))}
      deleteNote="Its tasks become unassigned"
    >
      <div className="grid">
        {!agent && <TextField wide id="agent-key" label="Key (blank: next free AG-n)" value={newKey} error={fieldError("key")} onChange={setNewKey} />}
        <TextField wide id="agent-name" label="Name" value={form.name} error={fieldError("name")} onChange={(v) => set("name", v)} autoFocus={!agent} />
        <TextField id="agent-capacity" label="Capacity (hours)" numeric value={form.capacity} error={fieldError("capacity")} onChange={(v) => set("capacity", v)} />
        <TextField id="agent-experience" label="Experience (points)" numeric value={form.experience} error={fieldError("experience")} onChange={(v) => set("experience", v)} />
        <div className="field">
          <span className="label">Availability</span>
          <label className="check">
            <input type="checkbox" checked={form.active} data-testid="agent-active" onChange={(e) => set("active", e.target.checked)} /> Active: takes tasks
          </label>
          <FieldError id="error-agent-active" message={fieldError("active")} />
        </div>
        {agent && (
          <div className="field">
            <span className="label">Workload (open tasks)</span>
            <span className={isOverCapacity(agent) ? "over" : ""} data-testid="agent-load">
              {loadLabel(agent)} · {agent.open_tasks} open
            </span>
          </div>
        )}
      </div>
      <CapabilityChips name="capabilities" label="Capabilities (level held)" list={form.capabilities} known={capabilities} error={error} onChange={(v) => set("capabilities", v)} />
    </CatalogEditor>
  );
}
