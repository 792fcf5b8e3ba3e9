import { useDroppable } from "@dnd-kit/core";
import { isOverCapacity, loadLabel, type Lane } from "../lib/board";
import { FieldError } from "./FieldError";

type Props = {
  lane: Lane;
  /** Why the last drop onto this column was refused. */
  error?: string;
  onDismissError: () => void;
  children: React.ReactNode;
};

/** A column of the board: an agent (or Unassigned), its load, and its cards; a drop target. */
export function BoardLane({ lane, error, onDismissError, children }: Props) {
  const { setNodeRef, isOver } = useDroppable({ id: lane.id });
  const agent = lane.agent;
  const over = agent !== null && isOverCapacity(agent);
  const title = agent ? agent.name : "Unassigned";
  return (
    <section
      ref={setNodeRef}
      className={`lane${isOver ? " drop-here" : ""}${over ? " over-capacity" : ""}${agent && !agent.active ? " inactive" : ""}`}
      aria-label={title}
      data-testid={`lane-${lane.id}`}
    >
      <header className="lane-head">
        <div className="lane-title">
          <strong title={title}>{title}</strong>
          {agent && <span className="key-chip">{agent.key}</span>}
        </div>
        <div className="lane-load">
          {agent ? (
            <span className={over ? "over" : "muted small"} data-testid={`lane-${lane.id}-load`} title="Open effort / capacity">
              {over && "⚠ "}
              {loadLabel(agent)}
            </span>
          ) : (
            <span className="muted small">{lane.tasks.length} tasks</span>
          )}
        </div>
      </header>
      {error && (
        <div className="lane-error" data-testid={`lane-${lane.id}-error`}>
          <FieldError id={`error-lane-${lane.id}`} message={error} />
          <button type="button" className="link small" onClick={onDismissError}>
            Dismiss
          </button>
        </div>
      )}
      <ul className="lane-cards">{children}</ul>
    </section>
  );
}
