// The pieces both canvases draw: a goal card, a step card, and an edge that follows the
// route the core's layout computed (a straight line until a route arrives).

import "@xyflow/react/dist/style.css";
import { BaseEdge, Handle, Position, type Edge, type EdgeProps, type Node, type NodeProps } from "@xyflow/react";
import type { GoalNode } from "../generated/GoalNode";
import type { NodeSize } from "../generated/NodeSize";
import { PriorityBadge, StatusBadge } from "./Badges";

/** Sizes the layout is asked for; styles.css draws the cards at exactly these. */
export const GOAL_NODE: NodeSize = { width: 200, height: 64 };
export const STEP_NODE: NodeSize = { width: 180, height: 64 };

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

export function StepCard({ data, selected }: NodeProps<StepCardNode>) {
  return (
    <div
      className={`graph-card step-card${selected ? " selected" : ""}${data.broken?.length ? " broken" : ""}${data.critical ? " critical" : ""}`}
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
}

export function RoutedEdge({ id, data, sourceX, sourceY, targetX, targetY, markerEnd, style, interactionWidth }: EdgeProps<RoutedEdgeType>) {
  const points = data?.points?.length ? data.points : [];
  // The route runs between the cards' sides; the handles sit on them too.
  const all: [number, number][] = [[sourceX, sourceY], ...points.slice(1, -1), [targetX, targetY]];
  const path = all.map(([x, y], i) => `${i ? "L" : "M"}${x},${y}`).join(" ");
  return <BaseEdge id={id} path={path} markerEnd={markerEnd} style={style} interactionWidth={interactionWidth} />;
}

/** Small enough to leave the graph in view on a short canvas. */
export const MINIMAP = { width: 150, height: 100 };

export const nodeTypes = { goal: GoalCard, step: StepCard };
export const edgeTypes = { routed: RoutedEdge };

/** Route points of a layout's edges, by "source->target". */
export function routes(edges: { source: string; target: string; points: [number, number][] }[]): Map<string, [number, number][]> {
  return new Map(edges.map((e) => [`${e.source}->${e.target}`, e.points]));
}
