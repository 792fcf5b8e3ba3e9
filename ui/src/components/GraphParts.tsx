// The pieces both canvases draw: a goal card, a step card, and an edge that follows the
// route the core's layout computed (a straight line until a route arrives).

import "@xyflow/react/dist/style.css";
import { memo } from "react";
import { Background, BaseEdge, Handle, Position, useStore, type Edge, type EdgeProps, type Node, type NodeHandle, type NodeProps, type ReactFlowState } from "@xyflow/react";
import type { GoalNode } from "../generated/GoalNode";
import type { NodeSize } from "../generated/NodeSize";
import { PriorityBadge, StatusBadge } from "./Badges";

/** Sizes the layout is asked for; styles.css draws the cards at exactly these. */
export const GOAL_NODE: NodeSize = { width: 200, height: 64 };
export const STEP_NODE: NodeSize = { width: 180, height: 64 };

/** Below this zoom a step is drawn as a plain box with its key: the card's text is too
 *  small to read there, and drawing a thousand full cards is what makes a big plan slow. */
export const FAR_ZOOM = 0.45;

/** Where a step card's handles sit (styles.css: 10 px, centred on the top and bottom
 *  sides). Given with each node, with its size, so xyflow can place edges and fit the
 *  view without measuring every card in the page first, and can skip cards out of view. */
export const STEP_HANDLES: NodeHandle[] = [
  { type: "target", position: Position.Top, x: STEP_NODE.width / 2 - 5, y: -5, width: 10, height: 10 },
  { type: "source", position: Position.Bottom, x: STEP_NODE.width / 2 - 5, y: STEP_NODE.height - 5, width: 10, height: 10 },
];

/** True while zoomed out below FAR_ZOOM. A boolean, so a card re-renders only when the
 *  zoom crosses the threshold, not on every frame of a pan or zoom. */
const zoomedOut = (s: ReactFlowState) => s.transform[2] < FAR_ZOOM;

/** The dotted background, left out while zoomed out: its dots close up to a pixel apart
 *  there, a grey wash that costs a repaint of every pixel on each frame of a pan. */
export function CanvasBackground() {
  const far = useStore(zoomedOut);
  return far ? null : <Background />;
}

export type GoalCardNode = Node<{ goal: GoalNode }, "goal">;
/** `broken`: why the step's preconditions fail in some order; `critical`: on the critical path. */
export type StepCardNode = Node<{ step: string; action: string; name: string; cost: number; duration: number; broken?: string[]; critical?: boolean }, "step">;
export type RoutedEdgeType = Edge<{ points?: [number, number][] }, "routed">;

export function GoalCard({ data, selected }: NodeProps<GoalCardNode>) {
  const g = data.goal;
  return (
    <div className={`graph-card goal-card${selected ? " selected" : ""}`} data-testid="goal-node" data-key={g.key} title={g.title}>
      <Handle type="target" position={Position.Top} isConnectable={false} />
      <div className="graph-card-title">{g.title || g.key}</div>
      <div className="graph-card-meta">
        <span className="key-chip">{g.key}</span>
        <span className="spacer" />
        <PriorityBadge priority={g.priority} />
        <StatusBadge status={g.status} />
      </div>
      <Handle type="source" position={Position.Bottom} isConnectable={false} />
    </div>
  );
}

const number = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });

export const StepCard = memo(function StepCard({ data, selected }: NodeProps<StepCardNode>) {
  const far = useStore(zoomedOut);
  const classes = `graph-card step-card${selected ? " selected" : ""}${data.broken?.length ? " broken" : ""}${data.critical ? " critical" : ""}`;
  if (far) {
    // No handles (edges keep to STEP_HANDLES), badges or title: a box and the key.
    return (
      <div className={`${classes} step-card-far`} data-testid="step-node" data-key={data.step} data-broken={data.broken?.length ? "true" : undefined} data-critical={data.critical ? "true" : undefined}>
        <span className="key-chip">{data.step}</span>
      </div>
    );
  }
  return (
    <div
      className={classes}
      data-testid="step-node"
      data-key={data.step}
      data-broken={data.broken?.length ? "true" : undefined}
      data-critical={data.critical ? "true" : undefined}
      title={[`${data.step}: ${data.name}`, ...(data.broken ?? []).map((b) => `⚠ ${b}`)].join("\n")}
    >
      <Handle type="target" position={Position.Top} data-testid={`in-${data.step}`} />
      <div className="graph-card-title">{data.name}</div>
      <div className="graph-card-meta">
        <span className="key-chip">{data.step}</span>
        {data.broken?.length ? (
          <span className="broken-flag" data-testid={`broken-${data.step}`} title={data.broken.join("\n")}>
            ⚠ {data.broken.length}
          </span>
        ) : null}
        <span className="spacer" />
        <span className="small muted" title="Cost · duration in hours">
          ¤ {number.format(data.cost)} · {number.format(data.duration)} h
        </span>
      </div>
      <Handle type="source" position={Position.Bottom} data-testid={`out-${data.step}`} />
    </div>
  );
});

export const RoutedEdge = memo(function RoutedEdge({ id, data, sourceX, sourceY, targetX, targetY, markerEnd, style, interactionWidth }: EdgeProps<RoutedEdgeType>) {
  const points = data?.points?.length ? data.points : [];
  // The route runs between the cards' sides; the handles sit on them too.
  const all: [number, number][] = [[sourceX, sourceY], ...points.slice(1, -1), [targetX, targetY]];
  const path = all.map(([x, y], i) => `${i ? "L" : "M"}${x},${y}`).join(" ");
  return <BaseEdge id={id} path={path} markerEnd={markerEnd} style={style} interactionWidth={interactionWidth} />;
});

/** Small enough to leave the graph in view on a short canvas. */
export const MINIMAP = { width: 150, height: 100 };

export const nodeTypes = { goal: GoalCard, step: StepCard };
export const edgeTypes = { routed: RoutedEdge };

/** Route points of a layout's edges, by "source->target". */
export function routes(edges: { source: string; target: string; points: [number, number][] }[]): Map<string, [number, number][]> {
  return new Map(edges.map((e) => [`${e.source}->${e.target}`, e.points]));
}
