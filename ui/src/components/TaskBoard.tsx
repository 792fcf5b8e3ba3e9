import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
  type DragEndEvent,
  type DragStartEvent,
  type KeyboardCoordinateGetter,
} from "@dnd-kit/core";
import { useEffect, useMemo, useState } from "react";
import { api, asCommandError } from "../api";
import type { TaskFilter } from "../generated/TaskFilter";
import type { TaskStatus } from "../generated/TaskStatus";
import { assignmentFor, canMove, lanes } from "../lib/board";
import { bulkDrop, bulkNotice, type BulkNotice } from "../lib/bulk";
import { clickKind, clickSelect, EMPTY_SELECTION, extendRun, union } from "../lib/selection";
import { shortcutFor } from "../lib/shortcuts";
import { SelectionBox, useBoxSelect } from "./useBoxSelect";
import { useSelection } from "./useSelection";
import { useBulkRequest } from "../lib/bulkRequests";
import { BulkAssignNotice } from "./BulkAssignNotice";
import "./selection.css";
import { TASK_STATUS } from "../lib/labels";
import { BoardLane } from "./BoardLane";
import { NewTaskForm } from "./NewTaskForm";
import { FloatingTaskCard, TaskCard } from "./TaskCard";
import { useJumpTarget } from "../lib/focus";
import { READS } from "../lib/invalidation";
import { useLoad } from "./useLoad";
import { useFileCommands } from "./useFileCommands";
import { nextLanePosition } from "../lib/laneKeys";

/**
 * The keyboard's drag: Space or Enter lifts the focused card, ArrowRight and ArrowLeft
 * carry it to the next lane, Space or Enter drops it there (one gesture, as a drop with
 * the pointer), Escape puts it back.
 */
const laneByLane: KeyboardCoordinateGetter = (event, { context: { collisionRect, droppableRects } }) => {
  const direction = event.code === "ArrowRight" ? 1 : event.code === "ArrowLeft" ? -1 : 0;
  if (!direction || !collisionRect) return undefined;
  event.preventDefault();
  return nextLanePosition([...droppableRects.values()], collisionRect, direction) ?? undefined;
};

type Filter = { plan: string; goal: string; status: "" | TaskStatus };

/** What a screen reader says on a card: the keyboard's drag and selection (lib/shortcuts.ts). */
const LIFT_INSTRUCTIONS =
  "Space or Enter lifts the card, with any cards selected with it; the left and right arrows carry it to another agent, " +
  "Space or Enter drops it there, Escape puts it back. Up and down arrows move between cards; " +
  "Shift with an arrow, or Ctrl+Space, selects several.";

/** Moves the keyboard's focus to a card's handle (and so into view). */
function focusCard(key: string) {
  document.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"] .task-handle`)?.focus();
}

/**
 * Tasks in a column per active agent plus Unassigned. Dropping a card on a column
 * assigns it there (one gesture); a refusal leaves the card where it was and says why
 * beside the column. Ctrl-click, Shift-click (a run within a lane) and a box drawn on the
 * background select several cards; dragging one of them carries them all, and the drop
 * is one gesture: the cards the agent can take move, each other one is named in a notice
 * with the capability it needs. Escape clears the selection.
 */
export function TaskBoard() {
  const [filter, setFilter] = useState<Filter>({ plan: "", goal: "", status: "" });
  const query: Partial<TaskFilter> = { plan: filter.plan || null, goal: filter.goal || null, status: filter.status || null };
  const tasks = useLoad(() => api.tasks(query), [filter.plan, filter.goal, filter.status], READS.tasks);
  const agents = useLoad(() => api.agents(), [], READS.agents);
  const plans = useLoad(() => api.plans(), [], READS.plans);
  const goals = useLoad(() => api.goalTree(), [], READS.goal_tree);
  const moves = useLoad(() => api.taskStatusMoves(), [], []);
  const [creating, setCreating] = useState(false);
  const [dragged, setDragged] = useState<string[]>([]);
  const shown = useMemo(() => (tasks.data ?? []).map((t) => t.key), [tasks.data]);
  const { selection, setSelection, selected, announcement } = useSelection(shown, "task", dragged.length > 0);
  const [notice, setNotice] = useState<BulkNotice | null>(null);
  const boxSelect = useBoxSelect((keys, add) => setSelection((s) => ({ keys: add ? union(s.keys, keys) : keys, anchor: keys[keys.length - 1] ?? null })));
  // The card a search jumped to: outlined and scrolled into view (filters are cleared so it shows).
  const [found, setFound] = useState<string | null>(null);
  useJumpTarget("task", (key) => {
    setFilter({ plan: "", goal: "", status: "" });
    setFound(key);
  });
  useEffect(() => {
    if (found) document.querySelector(`[data-testid="task-${CSS.escape(found)}"]`)?.scrollIntoView({ block: "center", inline: "center" });
  }, [found, tasks.data]);
  // The last refusal: beside the column a drop targeted, or on the card a button belongs to.
  const [refusal, setRefusal] = useState<{ lane?: string; task?: string; message: string } | null>(null);
  // CSV in and out (docs/csv.md): the file panel reports them; a failing dialog shows here.
  const files = useFileCommands((e) => setRefusal({ message: e.message }));
  // A small distance before a drag starts, so that a click on a card stays a click.
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 6 } }), useSensor(KeyboardSensor, { coordinateGetter: laneByLane }));

  const columns = lanes(agents.data ?? [], tasks.data ?? []);
  const byKey = new Map((tasks.data ?? []).map((t) => [t.key, t]));
  const floating = dragged.length ? byKey.get(dragged[0]) : undefined;
  useBulkRequest(["tasks.select-all", "selection.clear"], (id) => setSelection(id === "tasks.select-all" ? { keys: shown, anchor: null } : EMPTY_SELECTION), tasks.data !== null);

  const onCardClick = (key: string, laneKeys: string[], e: React.MouseEvent) => setSelection((s) => clickSelect(s, key, clickKind(e), laneKeys));

  // Without a mouse: the arrows walk a lane, Shift+arrows take a run of it, Ctrl+Space
  // picks cards anywhere; Space then lifts them all (dnd-kit's keyboard sensor).
  const onCardKey = (key: string, laneKeys: string[], e: React.KeyboardEvent): boolean => {
    if (dragged.length > 0) return false;
    const id = shortcutFor("selection", e) ?? shortcutFor("board", e);
    if (id === "board.toggle") {
      setSelection((s) => clickSelect(s, key, "toggle", laneKeys));
      return true;
    }
    if (id === "selection.extend-down" || id === "selection.extend-up") {
      const step = extendRun(selection, key, laneKeys, id === "selection.extend-down" ? 1 : -1);
      setSelection(step.selection);
      focusCard(step.focus);
      return true;
    }
    if (id === "board.next" || id === "board.previous") {
      const at = laneKeys.indexOf(key) + (id === "board.next" ? 1 : -1);
      if (at >= 0 && at < laneKeys.length) focusCard(laneKeys[at]);
      return true;
    }
    return false;
  };

  // A selected card carries the whole selection, the active one first; any other card, itself.
  const onDragStart = (e: DragStartEvent) => {
    const key = String(e.active.id);
    setDragged(selected.includes(key) && selected.length > 1 ? [key, ...selected.filter((k) => k !== key)] : [key]);
  };
  const onDragEnd = async (e: DragEndEvent) => {
    const carried = dragged;
    setDragged([]);
    if (carried.length > 1) {
      if (e.over) await dropMany(carried, String(e.over.id));
      return;
    }
    const task = byKey.get(String(e.active.id));
    if (!task || !e.over) return;
    const lane = String(e.over.id);
    const agent = assignmentFor(task, lane);
    if (agent === undefined) return;
    try {
      await api.assignTask(task.key, agent);
      setRefusal(null);
    } catch (err) {
      setRefusal({ lane, message: asCommandError(err).message });
    }
  };

  // Several cards onto one lane: one gesture; the refused stay selected, to go elsewhere.
  const dropMany = async (keys: string[], lane: string) => {
    const drop = bulkDrop(keys.flatMap((k) => byKey.get(k) ?? []), lane);
    if (drop.keys.length === 0) return;
    try {
      const report = await api.assignTasks(drop.keys, drop.agent);
      setRefusal(null);
      setNotice(bulkNotice(report));
      setSelection({ keys: report.refused.map((r) => r.task), anchor: null });
    } catch (err) {
      setNotice(null);
      setRefusal({ lane, message: asCommandError(err).message });
    }
  };

  const markDone = async (key: string) => {
    try {
      await api.setTaskStatus(key, "done");
      setRefusal(null);
    } catch (err) {
      setRefusal({ task: key, message: asCommandError(err).message });
    }
  };

  return (
    <div className="task-board-view">
      <div className="board-toolbar" data-testid="board-filters">
        <label>
          Plan
          <select value={filter.plan} data-testid="filter-plan" onChange={(e) => setFilter({ ...filter, plan: e.target.value })}>
            <option value="">all</option>
            {plans.data?.map((p) => (
              <option key={p.key} value={p.key}>
                {p.key} · {p.title}
              </option>
            ))}
          </select>
        </label>
        <label>
          Goal
          <select value={filter.goal} data-testid="filter-goal" onChange={(e) => setFilter({ ...filter, goal: e.target.value })}>
            <option value="">all</option>
            {goals.data?.map((g) => (
              <option key={g.key} value={g.key}>
                {g.key} · {g.title}
              </option>
            ))}
          </select>
        </label>
        <label>
          Status
          <select value={filter.status} data-testid="filter-status" onChange={(e) => setFilter({ ...filter, status: e.target.value as Filter["status"] })}>
            <option value="">all</option>
            {Object.entries(TASK_STATUS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <div className="spacer" />
        <span className="muted small">{tasks.data ? `${tasks.data.length} tasks` : ""}</span>
        <button type="button" data-testid="export-tasks-csv" onClick={files.exportTasksCsv} title="Save every task as a CSV file (docs/csv.md)">
          Export CSV…
        </button>
        <button type="button" data-testid="import-tasks-csv" onClick={files.importTasksCsv} title="Add the tasks of a CSV file (one undo step; nothing is written if any row is refused)">
          Import CSV…
        </button>
        <button type="button" className="primary" data-testid="new-task" onClick={() => setCreating(true)} disabled={creating}>
          New task
        </button>
      </div>
      {creating && <NewTaskForm goals={goals.data ?? []} onClose={() => setCreating(false)} />}
      {tasks.error && (
        <div className="banner error" role="alert">
          {tasks.error.message}
        </div>
      )}
      {refusal && !refusal.lane && !refusal.task && (
        <div className="banner error" role="alert" data-testid="board-error">
          {refusal.message}
        </div>
      )}
      {notice && <BulkAssignNotice notice={notice} onDismiss={() => setNotice(null)} />}
      <p className="visually-hidden" aria-live="polite" data-testid="board-selection-status">
        {announcement}
      </p>
      <DndContext sensors={sensors} accessibility={{ screenReaderInstructions: { draggable: LIFT_INSTRUCTIONS } }} onDragStart={onDragStart} onDragEnd={onDragEnd} onDragCancel={() => setDragged([])}>
        <div className="board" data-testid="task-board" ref={boxSelect.container} onPointerDown={boxSelect.onPointerDown}>
          {columns.map((lane) => (
            <BoardLane key={lane.id} lane={lane} error={refusal?.lane === lane.id ? refusal.message : undefined} onDismissError={() => setRefusal(null)}>
              {lane.tasks.map((t) => (
                <TaskCard
                  key={t.key}
                  task={t}
                  canMarkDone={canMove(moves.data ?? [], t.status, "done")}
                  onMarkDone={() => markDone(t.key)}
                  error={refusal?.task === t.key ? refusal.message : undefined}
                  found={found === t.key}
                  selected={selected.includes(t.key)}
                  onSelectClick={(e) => onCardClick(t.key, lane.tasks.map((x) => x.key), e)}
                  onBoardKey={(e) => onCardKey(t.key, lane.tasks.map((x) => x.key), e)}
                />
              ))}
            </BoardLane>
          ))}
        </div>
        <SelectionBox box={boxSelect.box} />
        <DragOverlay dropAnimation={null}>
          {floating ? <FloatingTaskCard task={floating} count={dragged.length} /> : null}
        </DragOverlay>
      </DndContext>
    </div>
  );
}
