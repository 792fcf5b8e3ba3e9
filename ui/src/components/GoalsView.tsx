import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { api, asCommandError, type CommandError } from "../api";
import type { GoalNode } from "../generated/GoalNode";
import { focusOn, useFocus } from "../lib/focus";
import { markOnce } from "../lib/marks";
import { ancestorsOf, visibleRows } from "../lib/tree";
import { GoalEditor } from "./GoalEditor";
import { GoalGraphCanvas } from "./GoalGraphCanvas";
import { GoalTree } from "./GoalTree";
import { GoalBulkPanel } from "./GoalBulkPanel";
import { clickKind, clickSelect, EMPTY_SELECTION, runBetween } from "../lib/selection";
import { useSelection } from "./useSelection";
import "./selection.css";
import { useBulkRequest } from "../lib/bulkRequests";
import { READS, useTags } from "../lib/invalidation";

type Props = { newGoalRequest: number };

/**
 * The goal tree beside the editor of the selected goal. Ctrl-click and Shift-click in the
 * tree, or Ctrl-click and a Shift-drag box on the graph, select several goals: the editor
 * gives way to one edit for all of them (GoalBulkPanel). Escape or a plain click ends it.
 */
export function GoalsView({ newGoalRequest }: Props) {
  const version = useTags(READS.goal_tree);
  const [nodes, setNodes] = useState<GoalNode[] | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  // Goals selected together; the bulk panel shows while it holds two or more.
  const goalKeys = useMemo(() => (nodes ?? []).map((n) => n.key), [nodes]);
  const { selection: multi, setSelection: setMulti, selected: together, announcement } = useSelection(goalKeys, "goal");
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const [problem, setProblem] = useState<CommandError | null>(null);
  // The goals as an indented tree, or as a graph with their dependencies.
  const [shape, setShape] = useState<"tree" | "graph">("tree");
  // Set when a new goal was just created: the editor puts the cursor in its title.
  const [fresh, setFresh] = useState<string | null>(null);
  const handledRequest = useRef(0);
  // Unsaved edits keep their goal open: leaving is refused until they are saved or reverted.
  const [editorDirty, setEditorDirty] = useState(false);
  const [leaveRefused, setLeaveRefused] = useState(false);
  const mayLeave = () => {
    setLeaveRefused(editorDirty);
    return !editorDirty;
  };

  useEffect(() => {
    let live = true;
    api.goalTree().then(
      (tree) => {
        markOnce("goal-tree-data");
        if (live) setNodes(tree);
      },
      (e) => live && setProblem(asCommandError(e)),
    );
    return () => {
      live = false;
    };
  }, [version]);

  // Keep a selection that exists: the first root when nothing (or a deleted goal) is selected.
  useEffect(() => {
    if (!nodes) return;
    if (selected && nodes.some((n) => n.key === selected)) return;
    setSelected(nodes.find((n) => n.parent === null)?.key ?? null);
  }, [nodes, selected]);

  // A jump from the search (or any other jumpTo) selects the goal, opening its
  // collapsed ancestors; the tree scrolls to it. Applied once per jump.
  const focus = focusOn(useFocus().focus, "goal");
  const handledFocus = useRef(0);
  useEffect(() => {
    if (!nodes || !focus || focus.seq === handledFocus.current) return;
    if (!nodes.some((n) => n.key === focus.key)) return;
    handledFocus.current = focus.seq;
    select(focus.key);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [nodes, focus]);

  const onDirtyChange = useCallback((dirty: boolean) => {
    setEditorDirty(dirty);
    if (!dirty) setLeaveRefused(false);
  }, []);

  const rows = useMemo(() => visibleRows(nodes ?? [], collapsed), [nodes, collapsed]);
  // Goals selected together show as such (and the bulk panel opens) from two on.
  const multiSet = useMemo(() => new Set(together.length > 1 ? together : []), [together]);
  const bulk = together.length > 1;

  useBulkRequest(["goals.select-all", "selection.clear"], (id) =>
    setMulti(id === "goals.select-all" ? { keys: rows.map((r) => r.node.key), anchor: null } : EMPTY_SELECTION),
    nodes !== null,
  );

  // Shift+↓ and Shift+↑ move a cursor from the goal in the editor; the goals between are selected.
  const cursor = useRef<string | null>(null);
  const extend = (direction: 1 | -1) => {
    if (!selected || (!bulk && !mayLeave())) return;
    const order = rows.map((r) => r.node.key);
    const from = bulk && cursor.current && together.includes(cursor.current) ? cursor.current : selected;
    const at = order.indexOf(from);
    const to = order[Math.min(order.length - 1, Math.max(0, at + direction))];
    if (at < 0 || to === undefined) return;
    cursor.current = to;
    setMulti({ keys: runBetween(order, selected, to), anchor: selected });
  };

  // A plain click selects one goal; Ctrl or Shift adds to the goals selected together,
  // starting from the goal open in the editor.
  const clickRow = (key: string, e: React.MouseEvent) => {
    const kind = clickKind(e);
    if (kind === "plain") {
      setMulti({ keys: [], anchor: key });
      select(key);
      return;
    }
    if (!bulk && !mayLeave()) return;
    const start = bulk ? multi : { keys: selected ? [selected] : [], anchor: multi.anchor ?? selected };
    setMulti(clickSelect(start, key, kind, rows.map((r) => r.node.key)));
  };
  const current = nodes?.find((n) => n.key === selected) ?? null;

  const select = (key: string) => {
    setMulti((m) => (m.keys.length ? { keys: [], anchor: key } : m));
    if (key === selected || !mayLeave()) return;
    setSelected(key);
    // Reveal a goal hidden under a collapsed ancestor.
    const hidden = ancestorsOf(nodes ?? [], key).filter((a) => collapsed.has(a));
    if (hidden.length) setCollapsed((c) => new Set([...c].filter((k) => !hidden.includes(k))));
  };

  const toggle = (key: string, expand: boolean) =>
    setCollapsed((c) => {
      const next = new Set(c);
      if (expand) next.delete(key);
      else next.add(key);
      return next;
    });

  const create = async (parent: string | null) => {
    if (!mayLeave()) return;
    try {
      const fields = await api.goalTemplate("New goal");
      const goal = await api.createGoal(fields, parent);
      setProblem(null);
      if (parent) toggle(parent, true);
      setNodes((n) => (n && !n.some((g) => g.key === goal.key) ? [...n, { key: goal.key, title: goal.title, parent, priority: goal.priority, kind: goal.kind, status: goal.status }] : n));
      setSelected(goal.key);
      setFresh(goal.key);
    } catch (e) {
      setProblem(asCommandError(e));
    }
  };

  // Reparent by drag and drop: one gesture; a cycle is refused by the store, which names it.
  const move = async (key: string, parent: string | null) => {
    try {
      await api.moveGoal(key, parent);
      setProblem(null);
      if (parent) toggle(parent, true);
    } catch (e) {
      setProblem(asCommandError(e));
    }
  };

  useEffect(() => {
    if (newGoalRequest > handledRequest.current) {
      handledRequest.current = newGoalRequest;
      create(null);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [newGoalRequest]);

  return (
    <div className="goals-view">
      <aside className={`tree-pane${shape === "graph" ? " graph" : ""}`}>
        <div className="pane-toolbar">
          <span className="segmented" role="group" aria-label="Show goals as">
            <button type="button" data-testid="goals-as-tree" aria-pressed={shape === "tree"} onClick={() => setShape("tree")}>
              Tree
            </button>
            <button type="button" data-testid="goals-as-graph" aria-pressed={shape === "graph"} onClick={() => setShape("graph")}>
              Graph
            </button>
          </span>
          <button type="button" data-testid="new-root-goal" onClick={() => create(null)} title="A new top-level goal">
            + Goal
          </button>
          <button type="button" data-testid="add-child" disabled={!current} onClick={() => create(current!.key)} title="A sub-goal of the selected goal">
            + Child
          </button>
          <button
            type="button"
            data-testid="add-sibling"
            disabled={!current}
            onClick={() => create(current!.parent)}
            title="A goal beside the selected goal"
          >
            + Sibling
          </button>
        </div>
        {problem && (
          <p className="field-error pad" role="alert" data-testid="tree-problem">
            {problem.message}
          </p>
        )}
        <p className="visually-hidden" aria-live="polite" data-testid="goal-selection-status">
          {announcement}
        </p>
        {nodes && shape === "tree" && (
          <GoalTree rows={rows} selected={selected} multi={multiSet} onSelect={select} onClickRow={clickRow} onToggle={toggle} onExtend={extend} onMove={move} />
        )}
        {shape === "graph" && (
          <GoalGraphCanvas
            selected={selected}
            onSelect={select}
            multi={bulk ? together : []}
            onMultiSelect={(keys) => setMulti({ keys, anchor: keys[keys.length - 1] ?? null })}
            zoomTo={focus ? { id: focus.key, seq: focus.seq } : null}
          />
        )}
      </aside>
      {bulk && nodes ? (
        <GoalBulkPanel keys={together} goals={nodes} onDone={() => setMulti(EMPTY_SELECTION)} />
      ) : selected && nodes ? (
        <GoalEditor
          key={selected}
          goalKey={selected}
          goals={nodes}
          focusTitle={fresh === selected}
          onFocused={() => setFresh(null)}
          onDeleted={(parent) => setSelected(parent)}
          onDirtyChange={onDirtyChange}
          leaveRefused={leaveRefused}
        />
      ) : (
        <div className="editor-placeholder muted">{nodes?.length === 0 ? "Create a goal to begin." : ""}</div>
      )}
    </div>
  );
}
