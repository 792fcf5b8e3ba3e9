import type { CommandError } from "../api";
import type { PlanSummary } from "../generated/PlanSummary";
import { ConfirmDelete, Modal } from "./Modal";

type Props = { plan: PlanSummary; error: CommandError | null; onCancel: () => void; onConfirm: () => void };

/** Asks before a plan is deleted with its steps. */
export function DeletePlanDialog({ plan, error, onCancel, onConfirm }: Props) {
  return (
    <Modal titleId="delete-plan-title" testId="delete-plan-dialog" onClose={onCancel}>
      <h2 id="delete-plan-title">Delete “{plan.title || plan.key}”?</h2>
      <p>
        The plan goes with its {plan.steps} {plan.steps === 1 ? "step" : "steps"} and their ordering. Tasks made from its steps stay, without
        their link to the plan.
      </p>
      <ConfirmDelete label="Delete plan" testId="confirm-delete-plan" error={error} onCancel={onCancel} onConfirm={onConfirm} />
    </Modal>
  );
}
