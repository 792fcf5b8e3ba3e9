import { useEffect, useRef } from "react";
import { treeKey, type TreeRow } from "../lib/tree";
import { PriorityBadge, StatusBadge } from "./Badges";

type Props = {
  rows: TreeRow[];
  selected: string | null;
  onSelect: (key: string) => void;
  onToggle: (key: string, expand: boolean) => void;
};

/** The goal tree: one row per shown goal, navigable with the arrow keys, Home and End. */
export function GoalTree({ rows, selected, onSelect, onToggle }: Props) {
  const list = useRef<HTMLUListElement>(null);
  const hadFocus = useRef(false);

  // Keep keyboard focus on the selected row while the tree has it.
  useEffect(() => {
    if (!hadFocus.current || !selected) return;
    list.current?.querySelector<HTMLElement>(`[data-key="${CSS.escape(selected)}"]`)?.focus();
  }, [selected, rows]);

  const onKeyDown = (e: React.KeyboardEvent) => {
    const move = treeKey(rows, selected, e.key);
    if (!move) {
      if ((e.key === "Enter" || e.key === " ") && selected) {
        e.preventDefault();
        document.getElementById("goal-title")?.focus();
      }
      return;
    }
    e.preventDefault();
    if (move.select) onSelect(move.select);
    if (move.expand) onToggle(move.expand, true);
    if (move.collapse) onToggle(move.collapse, false);
  };

  if (rows.length === 0) return <p className="muted pad">No goals yet.</p>;

  const focusable = rows.some((r) => r.node.key === selected) ? selected : rows[0].node.key;
  return (
    <ul
      ref={list}
      className="tree"
      role="tree"
      aria-label="Goals"
      data-testid="goal-tree"
      onKeyDown={onKeyDown}
      onFocus={() => (hadFocus.current = true)}
      onBlur={(e) => (hadFocus.current = list.current?.contains(e.relatedTarget as Node) ?? false)}
    >
      {rows.map(({ node, depth, hasChildren, expanded }) => (
        <li
          key={node.key}
          role="treeitem"
          aria-level={depth + 1}
          aria-expanded={hasChildren ? expanded : undefined}
          aria-selected={node.key === selected}
          tabIndex={node.key === focusable ? 0 : -1}
          data-key={node.key}
          className={`tree-row depth-${Math.min(depth, 8)}`}
          onClick={() => onSelect(node.key)}
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
        </li>
      ))}
    </ul>
  );
}
