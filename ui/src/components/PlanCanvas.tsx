// A plan's graph: steps at the places the core's layout gives them, precedence edges
// along its routes. Steps come from the action palette (drag and drop), edges from
// dragging one step's bottom handle to another's top handle; the core refuses a cycle
// and the canvas shows its message. Selected steps and edges go with Delete.

import {
  applyEdgeChanges,
  applyNodeChanges,
  MiniMap,
  Panel,
  ReactFlow,
  ReactFlowProvider,
  SelectionMode,
  useReactFlow,
  type Connection,
  type Edge,
  type EdgeChange,
  type NodeChange,
} from "@xyflow/react";
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { api, asCommandError, type CommandError } from "../api";
import type { Action } from "../generated/Action";
import type { Layout } from "../generated/Layout";
import type { LayoutProgress } from "../generated/LayoutProgress";
import type { CriticalPath } from "../generated/CriticalPath";
import type { PlanGraph } from "../generated/PlanGraph";
import type { PlanValidation } from "../generated/PlanValidation";
import { useColorMode } from "../lib/colorMode";
import { edgesToRemove, topLeftCorners } from "../lib/graphLayout";
import { causalLinks, criticalEdgeIds, stepMarks } from "../lib/planMarks";
import { ActionPalette } from "./ActionPalette";
import { findMatches, nextMatch } from "../lib/findOnCanvas";
import { useZoomToNode } from "./useZoomToNode";
import { ExportImageButtons } from "./ExportImageButtons";
import { CanvasBackground, edgeTypes, FAR_ZOOM, MINIMAP, nodeTypes, STEP_NODE, type StepCardNode } from "./GraphParts";
import { precedenceEdges, stepNodes } from "./planElements";
import { openingView, type OpeningRules } from "../lib/openingView";
import { canvasSize, CanvasControls, useFitAll } from "./FitView";
import { LayoutProgressBar } from "./LayoutProgressBar";
import { markPhase, PLAN_PHASES, RenderTimer, type PlanPhase } from "./planTiming";
import { countLabel } from "../lib/selection";
import { READS, useTags } from "../lib/invalidation";

type Props = { planKey: string; actions: Action[] };

export function PlanCanvas(props: Props) {
  return (
    <ReactFlowProvider>
      <PlanFlow {...props} />
    </ReactFlowProvider>
  );
}

/** Ctrl (or Cmd) click adds a step to the selection, on every platform. */
const MULTI_SELECT_KEYS = ["Control", "Meta"];

const number = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
/** Plans of up to FIT_UP_TO steps open fitted and stay wholly in view after each edit;
 *  bigger ones open fitted only where their cards can be read, else on their first
 *  steps (lib/openingView.ts), and keep the user's pan and zoom after edits. */
const FIT_UP_TO = 100;
const OPENING: OpeningRules = { readable: FAR_ZOOM, fitUpTo: FIT_UP_TO, maxZoom: 1 };
/** Plans with more steps go without the minimap: its thousands of specks are repainted
 *  on every frame of a pan, which costs more than it helps (find a step, or fit view). */
const MINIMAP_UP_TO = 300;
/** The canvas's least zoom; Fit view goes no further out. */
const MIN_ZOOM = 0.05;

/** The canvas's size on screen; zero before it is laid out. */

function PlanFlow({ planKey, actions }: Props) {
  const checked = useTags(READS.validate_plan);
  const drawn = useTags(READS.plan_graph);
  const colorMode = useColorMode();
  const flow = useReactFlow();
  const [graph, setGraph] = useState<PlanGraph | null>(null);
  const [nodes, setNodes] = useState<StepCardNode[]>([]);
  const [edges, setEdges] = useState<Edge[]>([]);
  const [problem, setProblem] = useState<CommandError | null>(null);
  const [progress, setProgress] = useState<LayoutProgress | null>(null);
  // A fresh layout (ignoring the drawing on screen) was asked for; fit it when it comes.
  const [fresh, setFresh] = useState(0);
  // How many drawings have arrived: tests wait on it before reading positions.
  const [drawings, setDrawings] = useState(0);
  const shown = useRef<Layout | null>(null);
  // Whether the canvas has shown a drawing: the first one opens on `defaultViewport`.
  const viewSet = useRef(false);
  // Re-layout asked for a fresh drawing (not seeded by the one on screen).
  const freshLayout = useRef(false);
  // The phases of the drawing on its way to the screen that are still to be marked.
  const timing = useRef<Set<PlanPhase>>(new Set());
  const box = useRef<HTMLDivElement>(null);
  // The core's checks of this plan, marked on the drawing: broken steps, critical path,
  // and (on request) the causal links.
  const [checks, setChecks] = useState<{ validation: PlanValidation; path: CriticalPath } | null>(null);
  const [showCausal, setShowCausal] = useState(false);
  // Find a step on the drawing: the text typed, and the match shown last.
  const [finding, setFinding] = useState("");
  const [found, setFound] = useState<{ step: string | null; seq: number; matches: string[]; asked: boolean }>({
    step: null,
    seq: 0,
    matches: [],
    asked: false,
  });

  useEffect(() => {
    let live = true;
    Promise.all([api.validatePlan(planKey), api.criticalPath(planKey)]).then(
      ([validation, path]) => live && setChecks({ validation, path }),
      () => live && setChecks(null),
    );
    return () => {
      live = false;
    };
  }, [planKey, checked]);

  useEffect(() => {
    let live = true;
    performance.mark("plan-graph:request");
    const previous = freshLayout.current ? null : shown.current;
    // The bar may never be painted when the layout ends within a frame; the mark says
    // that progress arrived all the same.
    const onProgress = (p: LayoutProgress) => {
      if (!live) return;
      if (performance.getEntriesByName("plan-graph:progress").length === 0) performance.mark("plan-graph:progress");
      setProgress(p);
    };
    api.planGraph(planKey, { node: STEP_NODE, previous }, onProgress).then(
      (g) => {
        if (!live) return;
        performance.mark("plan-graph:laid-out");
        timing.current = new Set(g.plan.steps.length > 0 ? PLAN_PHASES : []);
        shown.current = g.layout;
        setGraph(g);
        setDrawings((n) => n + 1);
        setProgress(null);
      },
      (e) => live && setProblem(asCommandError(e)),
    );
    return () => {
      live = false;
    };
  }, [planKey, drawn, fresh]);

  // Where each step's card goes, and the view a drawing opens on (the first one through
  // ReactFlow's defaultViewport, so that its first frame is already the right one).
  const corners = useMemo(() => (graph ? topLeftCorners(graph.layout, STEP_NODE) : null), [graph]);
  const opening = useMemo(() => {
    if (!corners) return null;
    return openingView([...corners.values()], STEP_NODE, canvasSize(box), OPENING);
  }, [corners]);

  const fitAll = useFitAll(corners, STEP_NODE, box, MIN_ZOOM, 1);

  useEffect(() => {
    if (!graph || !corners || !opening) return;
    // A fresh layout opens as a new plan does; small plans stay wholly in view after every
    // edit, while big ones keep the user's pan and zoom.
    if (!viewSet.current) viewSet.current = true;
    else if (freshLayout.current || graph.plan.steps.length <= FIT_UP_TO) void flow.setViewport(opening.viewport);
    freshLayout.current = false;
    setNodes((old) => stepNodes(graph, corners, actions, new Set(old.filter((n) => n.selected).map((n) => n.id))));
    setEdges(precedenceEdges(graph));
    markPhase(timing, "built");
  }, [graph, corners, opening, actions, flow]);

  const gesture = useCallback(async (work: () => Promise<unknown>) => {
    try {
      await work();
      setProblem(null);
    } catch (e) {
      setProblem(asCommandError(e));
    }
  }, []);

  const addStep = (action: string) => gesture(() => api.addStep(planKey, action));
  const connect = (c: Connection) => gesture(() => api.addEdge(planKey, c.source, c.target));
  // The steps go in one gesture (their edges with them); an edge selected on its own is
  // removed by its own gesture.
  const remove = (gone: { nodes: { id: string }[]; edges: Edge[] }) =>
    gesture(async () => {
      const steps = new Set(gone.nodes.map((n) => n.id));
      const precedence = gone.edges.filter((e) => !e.id.startsWith("causal:"));
      for (const e of edgesToRemove(precedence, steps)) await api.removeEdge(planKey, e.source, e.target);
      if (steps.size > 0) await api.removeSteps(planKey, [...steps]);
    });
  const removeSelected = () => remove({ nodes: nodes.filter((n) => n.selected), edges: edges.filter((e) => e.selected) });
  const relayout = () => {
    freshLayout.current = true;
    setFresh((n) => n + 1);
  };
  // The checks' marks, laid over the drawing without touching it: broken and critical
  // steps, critical edges, and (when asked) the causal links, drawn straight and dashed;
  // causal links cannot be selected or deleted (they follow from conditions and effects).
  const flashing = useZoomToNode(found.step ? { id: found.step, seq: found.seq } : null, graph !== null);
  // Enter (or the button) shows the next step whose key or action name holds the text.
  const findNext = () => {
    const matches = findMatches(
      nodes.map((n) => ({ id: n.id, texts: [n.data.name, n.data.action] })),
      finding,
    );
    setFound((f) => ({ step: nextMatch(matches, f.step), seq: f.seq + 1, matches, asked: true }));
  };
  const shownNodes = useMemo(() => {
    const marks = stepMarks(checks?.validation ?? null, checks?.path ?? null);
    if (marks.size === 0 && !flashing) return nodes;
    return nodes.map((n) => {
      const m = marks.get(n.id);
      const marked = m ? { ...n, data: { ...n.data, broken: m.broken, critical: m.critical } } : n;
      return n.id === flashing ? { ...marked, className: "flash" } : marked;
    });
  }, [nodes, checks, flashing]);
  const shownEdges = useMemo(() => {
    const critical = criticalEdgeIds(checks?.path ?? null);
    const marked = edges.map((e) => (critical.has(e.id) ? { ...e, className: "edge-precedence edge-critical" } : e));
    if (!showCausal) return marked;
    const steps = new Set(nodes.map((n) => n.id));
    const causal: Edge[] = causalLinks(checks?.validation ?? null)
      .filter((l) => steps.has(l.source) && steps.has(l.target))
      .map((l) => ({ id: l.id, source: l.source, target: l.target, type: "straight", className: "edge-causal", label: l.facts.join(", "), selectable: false, deletable: false, focusable: false }));
    return [...marked, ...causal];
  }, [edges, nodes, checks, showCausal]);
  const selectedSteps = nodes.filter((n) => n.selected).length;
  const somethingSelected = selectedSteps > 0 || edges.some((e) => e.selected);
  const onNodesChange = useCallback(
    (changes: NodeChange<StepCardNode>[]) => setNodes((ns) => applyNodeChanges(changes.filter((c) => c.type !== "remove"), ns)),
    [],
  );
  const onEdgesChange = useCallback((changes: EdgeChange[]) => setEdges((es) => applyEdgeChanges(changes.filter((c) => c.type !== "remove"), es)), []);
  const totals = graph?.totals;
  // After the children's commit: the canvas with the drawing's new nodes is in the DOM.
  useLayoutEffect(() => {
    if (shownNodes.length > 0 && !timing.current.has("built")) markPhase(timing, "committed");
  }, [shownNodes]);

  return (
    <div className="plan-canvas">
      <div className="canvas-bar">
        <span className="muted small" data-testid="plan-totals">
          {totals ? `${totals.steps} steps · cost ¤ ${number.format(totals.cost)} · duration ${number.format(totals.duration)} h (longest path)` : ""}
        </span>
        <span className="spacer" />
        <form
          className="find-on-canvas"
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            findNext();
          }}
        >
          <input
            type="search"
            data-testid="find-step"
            placeholder="Find a step…"
            aria-label="Find a step on the drawing by its key or action"
            value={finding}
            onChange={(e) => {
              setFinding(e.target.value);
              setFound((f) => ({ ...f, asked: false }));
            }}
          />
          <span className="muted small" role="status" data-testid="find-step-status">
            {!found.asked || !finding.trim()
              ? ""
              : found.matches.length === 0
                ? "no step matches"
                : `${found.step} (${found.matches.indexOf(found.step ?? "") + 1} of ${found.matches.length})`}
          </span>
        </form>
        <span className="muted small" role="status" data-testid="plan-selection-count">
          {selectedSteps > 1 ? countLabel(selectedSteps, "step") + " selected" : ""}
        </span>
        <button
          type="button"
          data-testid="delete-selection"
          disabled={!somethingSelected}
          onClick={removeSelected}
          title="Delete the selected steps and edges (Delete): one step to undo. Shift-drag draws a box, Ctrl-click adds a step."
        >
          {selectedSteps > 1 ? `Remove ${selectedSteps} steps` : "Delete selected"}
        </button>
        <span className="canvas-legend small">
          <span className="legend-critical">━ critical path</span>
          {checks && checks.validation.broken_steps.length > 0 && (
            <span className="legend-broken" data-testid="broken-count">
              ⚠ {new Set(checks.validation.broken_steps.map((b) => b.step)).size} broken
            </span>
          )}
        </span>
        <label className="small toggle" title="Draw which step supplies which precondition of which other step">
          <input type="checkbox" data-testid="causal-toggle" checked={showCausal} onChange={(e) => setShowCausal(e.target.checked)} /> Causal links
        </label>
        <button type="button" data-testid="relayout" onClick={relayout} title="Lay the whole plan out afresh">
          Re-layout
        </button>
        {graph && <ExportImageButtons name={`plan-${planKey}`} container={box} />}
      </div>
      <div className="canvas-row">
        <div className="canvas" ref={box} data-testid="plan-graph" data-drawings={drawings}>
          {progress && <LayoutProgressBar progress={progress} />}
          {graph && (
            <ReactFlow
              nodes={shownNodes}
              edges={shownEdges}
              nodeTypes={nodeTypes}
              edgeTypes={edgeTypes}
              colorMode={colorMode}
              nodesDraggable={false}
              onNodesChange={onNodesChange}
              onEdgesChange={onEdgesChange}
              onlyRenderVisibleElements
              onConnect={connect}
              onDelete={remove}
              deleteKeyCode={["Delete", "Backspace"]}
              selectionKeyCode="Shift"
              multiSelectionKeyCode={MULTI_SELECT_KEYS}
              selectionMode={SelectionMode.Partial}
              connectionRadius={40}
              defaultViewport={opening?.viewport}
              minZoom={MIN_ZOOM}
              proOptions={{ hideAttribution: true }}
            >
              <CanvasBackground />
              <CanvasControls onFit={fitAll} />
              {graph.plan.steps.length <= MINIMAP_UP_TO && <MiniMap pannable zoomable style={MINIMAP} />}
              <RenderTimer pending={timing} />
              {graph.plan.steps.length === 0 && (
                <Panel position="top-center" className="muted">
                  Drag actions here from the library to add steps.
                </Panel>
              )}
              {problem && (
                <Panel position="bottom-center" className="canvas-error" data-testid="canvas-error">
                  <span role="alert">{problem.message}</span>
                  <button type="button" className="link" onClick={() => setProblem(null)}>
                    Dismiss
                  </button>
                </Panel>
              )}
            </ReactFlow>
          )}
        </div>
        <ActionPalette actions={actions} dropTarget={box} onDrop={addStep} />
      </div>
    </div>
  );
}
