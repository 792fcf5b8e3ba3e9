// The new-task form on the board: title, effort, priority, deadline and goal as typed,
// and the conversion to the core's TaskFields. The core validates; this only reads.

import type { TaskFields } from "../generated/TaskFields";
import { parseNumber } from "./values";

export type TaskForm = {
  title: string;
  effort: string;
  priority: string;
  /** As a datetime-local input holds it (local time, no zone), or "" for none. */
  deadline: string;
  /** A goal key, or "" for none. */
  goal: string;
};

export const TASK_FIELDS = ["title", "effort", "priority", "deadline", "goal"] as const;

export const EMPTY_TASK: TaskForm = { title: "", effort: "1", priority: "5", deadline: "", goal: "" };

/** A local date and time as RFC 3339 in UTC; text that is not one goes through as typed, for the core to refuse. */
export function deadlineFromInput(local: string): string | null {
  const t = local.trim();
  if (t === "") return null;
  const d = new Date(t);
  return Number.isNaN(d.getTime()) ? t : d.toISOString().replace(/\.000Z$/, "Z");
}

export function taskFields(form: TaskForm): TaskFields {
  return {
    title: form.title,
    description: "",
    priority: parseNumber(form.priority),
    deadline: deadlineFromInput(form.deadline),
    effort: parseNumber(form.effort),
    goal: form.goal === "" ? null : form.goal,
    step: null,
  };
}
