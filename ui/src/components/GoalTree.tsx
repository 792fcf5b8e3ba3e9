import { useEffect, useRef, useState } from "react";
import {
  DndContext,
  DragOverlay,
  PointerSensor,
  pointerWithin,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
  type DragEndEvent,
  type DragStartEvent,
} from "@dnd-kit/core";
import { useVirtualizer } from "@tanstack/react-virtual";
import { markNextFrame } from "../lib/marks";
import { shortcutFor } from "../lib/shortcuts";
import { dropTarget, ROOT_DROP, treeKey, type TreeRow } from "../lib/tree";
import { PriorityBadge, StatusBadge } from "./Badges";

/** Every row has this height, so the virtual list never needs to measure one. */
export const TREE_ROW_HEIGHT = 30;

type Props = {
  rows: TreeRow[];
  selected: string | null;
  /** The goals selected together (Ctrl or Shift click), besides `selected`. */
  multi: ReadonlySet<string>;
  onSelect: (key: string) => void;
  /** A click on a row, with its modifiers: Ctrl or Cmd toggles, Shift takes a run. */
  onClickRow: (key: string, e: React.MouseEvent) => void;
  onToggle: (key: string, expand: boolean) => void;
  /** Shift+↓ or Shift+↑: the selection grows (or shrinks) one row that way. */
  onExtend: (direction: 1 | -1) => void;
  /** A row was dropped on another goal (`parent`), or on the top level (`null`). */
  onMove: (key: string, parent: string | null) => void;
};

/**
 * The goal tree: one row per shown goal, navigable with the arrow keys, Home and End.
 * Only the rows in view are in the DOM, so 10,000 goals scroll as smoothly as ten.
 * Dragging a row onto another makes it a sub-goal there; onto the top strip, a root.
 */
export function GoalTree({ rows, selected, multi, onSelect, onClickRow, onToggle, onExtend, onMove }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const hadFocus = useRef(false);
  const [dragging, setDragging] = useState<TreeRow | null>(null);
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 6 } }));
  const virtual = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => TREE_ROW_HEIGHT,
    overscan: 12,
    getItemKey: (i) => rows[i].node.key,
  });

  // Bring the selected row into view, and keep keyboard focus on it while the tree has it.
  const selectedIndex = rows.findIndex((r) => r.node.key === selected);
  useEffect(() => {
    if (selectedIndex < 0) return;
    virtual.scrollToIndex(selectedIndex, { align: "auto" });
    if (!hadFocus.current) return;
    const id = requestAnimationFrame(() =>
      scroller.current?.querySelector<HTMLElement>(`[data-key="${CSS.escape(selected!)}"]`)?.focus(),
    );
    return () => cancelAnimationFrame(id);
  }, [selectedIndex, selected, virtual]);

  useEffect(() => {
    if (rows.length > 0) markNextFrame("goal-tree-rows");
  }, [rows.length]);

  const onKeyDown = (e: React.KeyboardEvent) => {
    const grow = shortcutFor("selection", e);
    if (grow === "selection.extend-down" || grow === "selection.extend-up") {
      e.preventDefault();
      onExtend(grow === "selection.extend-down" ? 1 : -1);
      return;
    }
    // Only the keys lib/shortcuts.ts lists for the tree, so the help overlay shows them all.
    const shortcut = shortcutFor("tree", e);
    if (!shortcut) return;
    if (shortcut === "tree.edit") {
      if (!selected) return;
      e.preventDefault();
      document.getElementById("goal-title")?.focus();
      return;
    }
    const move = treeKey(rows, selected, e.key);
    if (!move) return;
    e.preventDefault();
    if (move.select) onSelect(move.select);
    if (move.expand) onToggle(move.expand, true);
    if (move.collapse) onToggle(move.collapse, false);
  };

  const onDragStart = (e: DragStartEvent) => setDragging(rows.find((r) => r.node.key === e.active.id) ?? null);
  const onDragEnd = (e: DragEndEvent) => {
    setDragging(null);
    const key = String(e.active.id);
    const target = dropTarget(rows, key, e.over ? String(e.over.id) : null);
    if (target !== undefined) onMove(key, target);
  };

  if (rows.length === 0) return <p className="muted pad">No goals yet.</p>;

  const focusable = selectedIndex >= 0 ? selected : rows[0].node.key;
  return (
    // The drop goes to the row under the pointer, whatever the ghost's size.
    <DndContext sensors={sensors} collisionDetection={pointerWithin} onDragStart={onDragStart} onDragEnd={onDragEnd} onDragCancel={() => setDragging(null)}>
      {dragging && <RootDropStrip />}
      <div
        ref={scroller}
        className="tree"
        role="tree"
        aria-label="Goals"
        aria-multiselectable="true"
        data-testid="goal-tree"
        onKeyDown={onKeyDown}
        onFocus={() => (hadFocus.current = true)}
        onBlur={(e) => (hadFocus.current = scroller.current?.contains(e.relatedTarget as Node) ?? false)}
      >
        <div className="tree-canvas" style={{ height: virtual.getTotalSize() }}>
          {virtual.getVirtualItems().map((item) => (
            <GoalRow
              key={item.key}
              row={rows[item.index]}
              top={item.start}
              selected={rows[item.index].node.key === selected && multi.size === 0}
              multi={multi.has(rows[item.index].node.key)}
              focusable={rows[item.index].node.key === focusable}
              onClickRow={onClickRow}
              onToggle={onToggle}
            />
          ))}
        </div>
      </div>
      <DragOverlay dropAnimation={null}>{dragging && <div className="tree-drag-ghost">{dragging.node.title}</div>}</DragOverlay>
    </DndContext>
  );
}

type RowProps = {
  row: TreeRow;
  top: number;
  selected: boolean;
  multi: boolean;
  focusable: boolean;
  onClickRow: (key: string, e: React.MouseEvent) => void;
  onToggle: (key: string, expand: boolean) => void;
};

function GoalRow({ row, top, selected, multi, focusable, onClickRow, onToggle }: RowProps) {
  const { node, depth, hasChildren, expanded } = row;
  const drag = useDraggable({ id: node.key });
  const drop = useDroppable({ id: node.key });
  const ref = (el: HTMLElement | null) => {
    drag.setNodeRef(el);
    drop.setNodeRef(el);
  };
  const classes = ["tree-row", `depth-${Math.min(depth, 8)}`];
  if (drag.isDragging) classes.push("dragging");
  if (drop.isOver && !drag.isDragging) classes.push("drop-target");
  if (multi) classes.push("multi-selected");
  return (
    <div
      ref={ref}
      {...drag.listeners}
      role="treeitem"
      aria-level={depth + 1}
      aria-expanded={hasChildren ? expanded : undefined}
      aria-selected={selected || multi}
      tabIndex={focusable ? 0 : -1}
      data-key={node.key}
      className={classes.join(" ")}
      // `top`, not a transform: dnd-kit measures drop zones without transforms, so
      // translated rows would all measure at the top and a drop would hit the wrong goal.
      style={{ top, height: TREE_ROW_HEIGHT }}
      // A Shift-click selects goals, not the page's text.
      onMouseDown={(e) => e.shiftKey && e.preventDefault()}
      onClick={(e) => onClickRow(node.key, e)}
    >
      <span
        className={`twisty ${hasChildren ? (expanded ? "open" : "closed") : "leaf"}`}
        aria-hidden="true"
        onClick={(e) => {
          if (!hasChildren) return;
          e.stopPropagation();
          onToggle(node.key, !expanded);
        }}
      />
      <span className="tree-title">{node.title}</span>
      <span className="tree-meta">
        {node.kind === "soft" && <span className="badge kind-soft">soft</span>}
        <PriorityBadge priority={node.priority} />
        <StatusBadge status={node.status} />
      </span>
    </div>
  );
}

/** Shown while a row is dragged: dropping here makes the goal a top-level goal. */
function RootDropStrip() {
  const { setNodeRef, isOver } = useDroppable({ id: ROOT_DROP });
  return (
    <div ref={setNodeRef} className={`tree-root-drop${isOver ? " drop-target" : ""}`} data-testid="tree-root-drop">
      Drop here to make it a top-level goal
    </div>
  );
}
