import type { CommandError } from "../api";
import type { GoalDeletion } from "../generated/GoalDeletion";
import { ConfirmDelete, Modal } from "./Modal";

type Props = {
  title: string;
  preview: GoalDeletion;
  error: CommandError | null;
  onCancel: () => void;
  onConfirm: () => void;
};

function plural(n: number, one: string, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}

/** Asks before a deletion, listing everything it takes with it (the core's preview). */
export function DeleteGoalDialog({ title, preview, error, onCancel, onConfirm }: Props) {
  const subGoals = preview.goals.length - 1;
  return (
    <Modal titleId="delete-title" testId="delete-dialog" onClose={onCancel}>
      <h2 id="delete-title">Delete “{title}”?</h2>
      <p>Deleting this goal also removes:</p>
      <ul className="impact">
        <li>
          {subGoals === 0 ? "no sub-goals" : plural(subGoals, "sub-goal")}
          {subGoals > 0 && <span className="keys"> {preview.goals.slice(1).join(", ")}</span>}
        </li>
        <li>
          {preview.plans.length === 0 ? "no plans" : plural(preview.plans.length, "plan")}
          {preview.plans.length > 0 && <span className="keys"> {preview.plans.join(", ")} (with their steps)</span>}
        </li>
        <li>{preview.links === 0 ? "no dependency or contribution links" : plural(preview.links, "dependency or contribution link")}</li>
      </ul>
      {preview.detached_tasks.length > 0 && (
        <p>
          {plural(preview.detached_tasks.length, "task")} stay but lose their link to the goal or plan:{" "}
          <span className="keys">{preview.detached_tasks.join(", ")}</span>
        </p>
      )}
      <ConfirmDelete label={`Delete ${preview.goals.length > 1 ? plural(preview.goals.length, "goal") : "goal"}`} testId="confirm-delete" error={error} onCancel={onCancel} onConfirm={onConfirm} />
    </Modal>
  );
}
