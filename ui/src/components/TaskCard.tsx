import { useDraggable } from "@dnd-kit/core";
import type { Task } from "../generated/Task";
import { deadlineLabel } from "../lib/board";
import { countLabel } from "../lib/selection";
import { Chip, PriorityBadge, StatusBadge } from "./Badges";
import { FieldError } from "./FieldError";

type Props = {
  task: Task;
  canMarkDone: boolean;
  onMarkDone: () => void;
  /** Why the last gesture on this card was refused. */
  error?: string;
  /** The card a search jumped to. */
  found?: boolean;
  /** Part of the board's selection: a drag of it carries every selected card. */
  selected?: boolean;
  /** A click on the card (not on its button): selects it, with Ctrl or Shift among others. */
  onSelectClick?: (e: React.MouseEvent) => void;
  /** A key on the card: true when the board took it (a move or a selection), which then lifts nothing. */
  onBoardKey?: (e: React.KeyboardEvent) => boolean;
};

/**
 * One task on the board, dragged to assign: what it is, how urgent, what it needs. The
 * summary is the drag handle; the Mark done button sits beside it, not inside it, so no
 * control nests in another.
 */
export function TaskCard({ task, canMarkDone, onMarkDone, error, found = false, selected = false, onSelectClick, onBoardKey }: Props) {
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({ id: task.key });
  return (
    <li
      className={`task status-border-${task.status}${isDragging ? " dragging" : ""}${found ? " found" : ""}${selected ? " selected" : ""}`}
      data-testid={`task-${task.key}`}
      data-key={task.key}
      data-selected={selected || undefined}
      // A Shift-click selects cards, not the page's text.
      onMouseDown={(e) => e.shiftKey && e.preventDefault()}
      onClick={(e) => {
        if (!(e.target as HTMLElement).closest("button")) onSelectClick?.(e);
      }}
    >
      <div
        ref={setNodeRef}
        className="task-handle"
        {...attributes}
        {...listeners}
        onKeyDown={(e) => {
          if (onBoardKey?.(e)) e.preventDefault();
          else listeners?.onKeyDown?.(e);
        }}
      >
        <TaskSummary task={task} />
        {selected && <span className="visually-hidden">(selected)</span>}
      </div>
      {canMarkDone && (
        <div className="task-actions">
          <button type="button" className="small-button" data-testid={`task-${task.key}-done`} onClick={onMarkDone}>
            ✓ Mark done
          </button>
        </div>
      )}
      <FieldError id={`error-task-${task.key}`} message={error} />
    </li>
  );
}

/** The card as it follows the pointer during a drag; `count` cards when several are carried. */
export function FloatingTaskCard({ task, count = 1 }: { task: Task; count?: number }) {
  return (
    <div className={`task floating status-border-${task.status}${count > 1 ? " stacked" : ""}`}>
      {count > 1 && (
        <div className="drag-count" data-testid="drag-count">
          {countLabel(count, "task")}
        </div>
      )}
      <TaskSummary task={task} />
    </div>
  );
}

function TaskSummary({ task }: { task: Task }) {
  return (
    <>
      <div className="task-title">{task.title}</div>
      <div className="task-meta">
        <span className="key-chip">{task.key}</span>
        <PriorityBadge priority={task.priority} />
        <StatusBadge status={task.status} />
        <span className="muted small">{task.effort} h</span>
      </div>
      {task.deadline && (
        <div className="task-deadline muted small" title={task.deadline}>
          due {deadlineLabel(task.deadline)}
        </div>
      )}
      {task.requires.length > 0 && (
        <div className="chips" aria-label="Requires">
          {task.requires.map((r) => (
            <Chip key={r.capability} title={`needs level ${r.level} or more`}>
              {r.capability} ≥{r.level}
            </Chip>
          ))}
        </div>
      )}
    </>
  );
}
