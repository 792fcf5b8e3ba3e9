import { useState } from "react";
import { api, asCommandError, type CommandError } from "../api";
import type { GoalNode } from "../generated/GoalNode";
import { namesAField } from "../lib/formErrors";
import { errorFor } from "../lib/goalForm";
import { EMPTY_TASK, TASK_FIELDS, taskFields, type TaskForm } from "../lib/taskForm";
import { FieldError } from "./FieldError";
import { TextField } from "./TextField";

/** Creates a task (unassigned, to do) as one gesture; the core's messages show beside the fields. */
export function NewTaskForm({ goals, onClose }: { goals: GoalNode[]; onClose: () => void }) {
  const [form, setForm] = useState<TaskForm>(EMPTY_TASK);
  const [error, setError] = useState<CommandError | null>(null);
  const set = (field: keyof TaskForm, value: string) => setForm({ ...form, [field]: value });

  const create = async () => {
    try {
      await api.createTask(taskFields(form));
      setError(null);
      setForm(EMPTY_TASK);
      onClose();
    } catch (e) {
      setError(asCommandError(e));
    }
  };

  return (
    <form
      className="new-task"
      aria-label="New task"
      data-testid="new-task-form"
      onSubmit={(e) => {
        e.preventDefault();
        create();
      }}
    >
      <TextField id="task-title" label="Title" value={form.title} error={errorFor(error, "title")} onChange={(v) => set("title", v)} autoFocus />
      <TextField id="task-effort" label="Effort (hours)" numeric value={form.effort} error={errorFor(error, "effort")} onChange={(v) => set("effort", v)} />
      <TextField id="task-priority" label="Priority (1–10)" numeric value={form.priority} error={errorFor(error, "priority")} onChange={(v) => set("priority", v)} />
      <TextField id="task-deadline" label="Deadline" type="datetime-local" value={form.deadline} error={errorFor(error, "deadline")} onChange={(v) => set("deadline", v)} />
      <div className="field">
        <label htmlFor="task-goal">Goal</label>
        <select id="task-goal" value={form.goal} data-testid="task-goal" onChange={(e) => set("goal", e.target.value)}>
          <option value="">none</option>
          {goals.map((g) => (
            <option key={g.key} value={g.key}>
              {g.key} · {g.title}
            </option>
          ))}
        </select>
        <FieldError id="error-task-goal" message={errorFor(error, "goal")} />
      </div>
      <div className="new-task-actions">
        <button type="submit" className="primary" data-testid="create-task">
          Create task
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
      {error && !namesAField(error, TASK_FIELDS) && <FieldError id="error-new-task" message={error.message} />}
    </form>
  );
}
