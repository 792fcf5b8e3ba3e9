// The goal graph: every goal at the place the core's layout gives it, tree edges solid,
// dependency edges dashed with an arrow. Clicking a goal selects it in the goals view; a
// search jump to a goal centres and zooms the graph on it and flashes it.

import { Background, MarkerType, MiniMap, ReactFlow, ReactFlowProvider, SelectionMode, type Edge, type NodeChange } from "@xyflow/react";
import { useEffect, useMemo, useRef, useState } from "react";
import { api, asCommandError, type CommandError } from "../api";
import type { GoalGraph } from "../generated/GoalGraph";
import type { Layout } from "../generated/Layout";
import type { LayoutProgress } from "../generated/LayoutProgress";
import { useColorMode } from "../lib/colorMode";
import { topLeftCorners } from "../lib/graphLayout";
import { ExportImageButtons } from "./ExportImageButtons";
import { CanvasControls, useFitAll } from "./FitView";
import { edgeTypes, GOAL_NODE, MINIMAP, nodeTypes, routes, type GoalCardNode } from "./GraphParts";
import { LayoutProgressBar } from "./LayoutProgressBar";
import { READS, useTags } from "../lib/invalidation";
import { useZoomToNode, type ZoomRequest } from "./useZoomToNode";

/** The graph's least and greatest zoom (xyflow's defaults but the least). */
const MIN_ZOOM = 0.05;
const MAX_ZOOM = 2;

/** Ctrl (or Cmd) click adds a goal to the selection, on every platform. */
const MULTI_SELECT_KEYS = ["Control", "Meta"];

type Props = {
  selected: string | null;
  onSelect: (key: string) => void;
  /** The goals selected together (Ctrl-click, Shift-drag box), shown selected instead of `selected`. */
  multi: readonly string[];
  /** The selection made on the drawing, when it holds two goals or more; `[]` when it fell back to one. */
  onMultiSelect: (keys: string[]) => void;
  /** A goal to bring into view (a search jump), once per request. */
  zoomTo?: ZoomRequest | null;
};

export function GoalGraphCanvas(props: Props) {
  return (
    <ReactFlowProvider>
      <GoalGraphFlow {...props} />
    </ReactFlowProvider>
  );
}

function GoalGraphFlow({ selected, onSelect, multi, onMultiSelect, zoomTo = null }: Props) {
  const version = useTags(READS.goal_graph);
  const colorMode = useColorMode();
  const [graph, setGraph] = useState<GoalGraph | null>(null);
  const [problem, setProblem] = useState<CommandError | null>(null);
  const [progress, setProgress] = useState<LayoutProgress | null>(null);
  // The drawing on screen: the next layout starts from it, so an edit moves little.
  const shown = useRef<Layout | null>(null);
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let live = true;
    api.goalGraph({ node: GOAL_NODE, previous: shown.current }, (p) => live && setProgress(p)).then(
      (g) => {
        if (!live) return;
        shown.current = g.layout;
        setGraph(g);
        setProblem(null);
        setProgress(null);
      },
      (e) => live && setProblem(asCommandError(e)),
    );
    return () => {
      live = false;
    };
  }, [version]);

  const flashing = useZoomToNode(zoomTo, graph !== null);

  const corners = useMemo(() => (graph ? topLeftCorners(graph.layout, GOAL_NODE) : null), [graph]);
  const fitAll = useFitAll(corners, GOAL_NODE, box, MIN_ZOOM, MAX_ZOOM);

  const nodes: GoalCardNode[] = useMemo(() => {
    if (!corners || !graph) return [];
    return graph.goals.map((goal) => ({
      id: goal.key,
      type: "goal",
      position: corners.get(goal.key) ?? { x: 0, y: 0 },
      data: { goal },
      selected: multi.length > 1 ? multi.includes(goal.key) : goal.key === selected,
      className: goal.key === flashing ? "flash" : undefined,
      width: GOAL_NODE.width,
      height: GOAL_NODE.height,
    }));
  }, [graph, corners, selected, multi, flashing]);

  // xyflow's own selection (Ctrl-click, Shift-drag box) arrives as changes to the nodes
  // shown; the goals view holds the selection, so the changes go there.
  const onNodesChange = (changes: NodeChange<GoalCardNode>[]) => {
    const picks = changes.filter((c) => c.type === "select");
    if (picks.length === 0) return;
    const next = new Set(nodes.filter((n) => n.selected).map((n) => n.id));
    for (const c of picks) {
      if (c.selected) next.add(c.id);
      else next.delete(c.id);
    }
    onMultiSelect(next.size > 1 ? [...next] : []);
  };

  const edges: Edge[] = useMemo(() => {
    if (!graph) return [];
    const route = routes(graph.layout.edges);
    const tree = graph.goals
      .filter((g) => g.parent)
      .map((g) => ({ id: `tree:${g.parent}->${g.key}`, source: g.parent!, target: g.key, type: "routed", className: "edge-tree", data: { points: route.get(`${g.parent}->${g.key}`) } }));
    const needs = graph.dependencies.map((d) => ({
      id: `needs:${d.depends_on}->${d.goal}`,
      source: d.depends_on,
      target: d.goal,
      type: "routed",
      className: "edge-dependency",
      markerEnd: { type: MarkerType.ArrowClosed },
      data: { points: route.get(`${d.depends_on}->${d.goal}`) },
    }));
    return [...tree, ...needs];
  }, [graph]);

  return (
    <div className="goal-graph">
      <div className="canvas-bar">
        <span className="legend" data-testid="goal-graph-legend">
          <span>
            <svg width="28" height="8" aria-hidden="true">
              <line x1="0" y1="4" x2="28" y2="4" className="legend-tree" />
            </svg>
            sub-goal
          </span>
          <span>
            <svg width="28" height="8" aria-hidden="true">
              <line x1="0" y1="4" x2="28" y2="4" className="legend-dependency" />
            </svg>
            must be achieved before
          </span>
        </span>
        <span className="spacer" />
        {graph && <ExportImageButtons name="goal-graph" container={box} />}
      </div>
      <div className="canvas" ref={box} data-testid="goal-graph">
        {progress && <LayoutProgressBar progress={progress} />}
        {graph && (
          <ReactFlow
            nodes={nodes}
            edges={edges}
            nodeTypes={nodeTypes}
            edgeTypes={edgeTypes}
            colorMode={colorMode}
            nodesDraggable={false}
            nodesConnectable={false}
            edgesFocusable={false}
            onNodeClick={(e, node) => {
              if (!(e.ctrlKey || e.metaKey || e.shiftKey)) onSelect(node.id);
            }}
            onNodesChange={onNodesChange}
            selectionKeyCode="Shift"
            multiSelectionKeyCode={MULTI_SELECT_KEYS}
            selectionMode={SelectionMode.Partial}
            fitView
            minZoom={MIN_ZOOM}
            maxZoom={MAX_ZOOM}
            proOptions={{ hideAttribution: true }}
          >
            <Background />
            <CanvasControls onFit={fitAll} />
            <MiniMap pannable zoomable style={MINIMAP} />
          </ReactFlow>
        )}
        {problem && (
          <p className="field-error pad" role="alert">
            {problem.message}
          </p>
        )}
      </div>
    </div>
  );
}
