// The Timeline view: a plan's Gantt chart (planned bars, slack, critical path, what ran
// and what is expected, now and deadline lines) or every agent's lane over time with its
// overload. Zoom from hours to weeks (buttons or Ctrl+wheel, kept under the pointer),
// scroll, go to now, save as PNG or SVG. The schedule is the core's (docs/timeline.md);
// it is asked again on every change and once a minute, since "now" moves.

import { useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { api, asCommandError } from "../api";
import { useFocus } from "../lib/focus";
import { READS } from "../lib/invalidation";
import { composeSvg, svgToPng, type Text } from "../lib/svgExport";
import { lanesChart, planChart, type Chart } from "../lib/timelineRows";
import { clampZoom, nearestZoom, stepZoom, ZOOMS } from "../lib/timeScale";
import { AXIS_HEIGHT, LABEL_WIDTH, ROW_HEIGHT, TimelineChart } from "./TimelineChart";
import { useLoad } from "./useLoad";
import "./timeline.css";

type Mode = "plan" | "agents";

/** Where the view's choices are remembered between runs. */
const STORAGE = { mode: "mabos-planner.timeline.mode", zoom: "mabos-planner.timeline.zoom" };
const MINUTE = 60_000;

function remembered<T>(key: string, read: (s: string) => T | null, fallback: T): T {
  const stored = window.localStorage?.getItem(key);
  return (typeof stored === "string" ? read(stored) : null) ?? fallback;
}

export function TimelineView() {
  const [mode, setMode] = useState<Mode>(() => remembered(STORAGE.mode, (s) => (s === "agents" || s === "plan" ? s : null), "plan"));
  const [pxPerHour, setPxPerHour] = useState(() => remembered(STORAGE.zoom, (s) => clampZoom(Number(s)), ZOOMS[1].pxPerHour));
  useEffect(() => window.localStorage?.setItem(STORAGE.mode, mode), [mode]);
  useEffect(() => window.localStorage?.setItem(STORAGE.zoom, String(pxPerHour)), [pxPerHour]);

  // "Now" moves: ask again every minute.
  const [minute, setMinute] = useState(0);
  useEffect(() => {
    const timer = window.setInterval(() => setMinute((m) => m + 1), MINUTE);
    return () => window.clearInterval(timer);
  }, []);

  const plans = useLoad(() => api.plans(), [], READS.plans);
  const [chosen, setChosen] = useState<string | null>(null);
  // The chosen plan, else the first running one, else the first.
  const plan = chosen ?? plans.data?.find((p) => p.status === "active")?.key ?? plans.data?.[0]?.key ?? null;
  const timeline = useLoad(() => (mode === "plan" && plan ? api.planTimeline(plan) : Promise.resolve(null)), [mode, plan, minute], READS.plan_timeline);
  const lanes = useLoad(() => (mode === "agents" ? api.agentLanes() : Promise.resolve(null)), [mode, minute], READS.agent_lanes);
  const chart: Chart | null = useMemo(() => {
    if (mode === "plan") return timeline.data ? planChart(timeline.data) : null;
    return lanes.data ? lanesChart(lanes.data) : null;
  }, [mode, timeline.data, lanes.data]);
  const error = mode === "plan" ? timeline.error : lanes.error;

  const { jumpTo } = useFocus();
  const scroller = useRef<HTMLDivElement>(null);
  // Zooming keeps the hour under the pointer (or the view's centre) where it was.
  const anchor = useRef<{ hour: number; offset: number } | null>(null);
  const zoomTo = (next: number, offset?: number) => {
    const el = scroller.current;
    if (el) {
      const at = offset ?? (el.clientWidth - LABEL_WIDTH) / 2;
      anchor.current = { hour: (el.scrollLeft + at) / pxPerHour, offset: at };
    }
    setPxPerHour(clampZoom(next));
  };
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && anchor.current) el.scrollLeft = Math.max(0, anchor.current.hour * pxPerHour - anchor.current.offset);
    anchor.current = null;
  }, [pxPerHour]);
  const onWheel = (event: React.WheelEvent<HTMLDivElement>) => {
    if (!event.ctrlKey) return;
    event.preventDefault();
    const box = event.currentTarget.getBoundingClientRect();
    zoomTo(stepZoom(pxPerHour, event.deltaY < 0 ? 1 : -1), Math.max(0, event.clientX - box.left - LABEL_WIDTH));
  };
  const goToNow = () => {
    const el = scroller.current;
    const now = chart?.markers.find((m) => m.kind === "now");
    if (el && now) el.scrollLeft = Math.max(0, now.hour * pxPerHour - (el.clientWidth - LABEL_WIDTH) / 3);
  };

  const [saved, setSaved] = useState<{ text: string; error: boolean } | null>(null);
  const save = async (kind: "png" | "svg") => {
    const el = scroller.current;
    if (!el || !chart) return;
    try {
      setSaved({ text: "Saving…", error: false });
      const { svg, width, height } = standalone(el, chart);
      const bytes = kind === "svg" ? new TextEncoder().encode(svg) : await svgToPng(svg, width, height);
      const name = mode === "plan" ? `timeline-${plan}` : "agent-lanes";
      const path = await api.saveImage(`${name}.${kind}`, bytes);
      setSaved(path ? { text: `Saved ${path}`, error: false } : null);
    } catch (e) {
      setSaved({ text: asCommandError(e).message, error: true });
    }
  };

  const zoomId = nearestZoom(pxPerHour);
  return (
    <div className="timeline-view" data-testid="timeline-view">
      <div className="pane-toolbar timeline-toolbar">
        <span className="segmented" role="group" aria-label="Show">
          <button type="button" data-testid="timeline-plan" aria-pressed={mode === "plan"} onClick={() => setMode("plan")}>
            Plan
          </button>
          <button type="button" data-testid="timeline-agents" aria-pressed={mode === "agents"} onClick={() => setMode("agents")}>
            Agents
          </button>
        </span>
        {mode === "plan" && (
          <label className="timeline-choice">
            <span>Plan</span>
            <select data-testid="timeline-plan-choice" value={plan ?? ""} onChange={(e) => setChosen(e.target.value || null)} disabled={!plans.data?.length}>
              {plans.data?.map((p) => (
                <option key={p.key} value={p.key}>
                  {p.key} — {p.title} ({p.status})
                </option>
              ))}
            </select>
          </label>
        )}
        <span className="segmented" role="group" aria-label="Zoom">
          {ZOOMS.map((z) => (
            <button key={z.id} type="button" data-testid={`timeline-zoom-${z.id}`} aria-pressed={zoomId === z.id} onClick={() => zoomTo(z.pxPerHour)}>
              {z.label}
            </button>
          ))}
        </span>
        <button type="button" data-testid="timeline-zoom-out" aria-label="Zoom out" title="Zoom out (Ctrl+wheel)" onClick={() => zoomTo(stepZoom(pxPerHour, -1))}>
          −
        </button>
        <button type="button" data-testid="timeline-zoom-in" aria-label="Zoom in" title="Zoom in (Ctrl+wheel)" onClick={() => zoomTo(stepZoom(pxPerHour, 1))}>
          +
        </button>
        <button type="button" data-testid="timeline-now" onClick={goToNow} disabled={!chart}>
          Now
        </button>
        <div className="spacer" />
        <span className="export-buttons">
          <button type="button" data-testid="timeline-export-png" disabled={!chart} onClick={() => save("png")} title="Save the whole chart as a PNG image">
            PNG
          </button>
          <button type="button" data-testid="timeline-export-svg" disabled={!chart} onClick={() => save("svg")} title="Save the whole chart as an SVG image">
            SVG
          </button>
          {saved && (
            <span className={saved.error ? "field-error" : "muted small"} role="status" data-testid="timeline-export-status">
              {saved.text}
            </span>
          )}
        </span>
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error.message}
        </p>
      )}
      {chart && chart.rows.length > 0 ? (
        <>
          <Legend mode={mode} />
          <TimelineChart chart={chart} pxPerHour={pxPerHour} onOpenTask={(task) => jumpTo("task", task)} scrollRef={scroller} onWheel={onWheel} />
          <p className="muted small" data-testid="timeline-summary">
            {chart.summary}
          </p>
          {chart.notes.length > 0 && (
            <ul className="timeline-notes" data-testid="timeline-unscheduled" aria-label="Tasks that cannot be scheduled">
              {chart.notes.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          )}
        </>
      ) : (
        <p className="muted" data-testid="timeline-empty">
          {mode === "plan" ? (plans.data?.length === 0 ? "No plan yet: make one in Plans, then see it here over time." : "This plan has no steps yet.") : "No active agent: add agents in Agents to see their work over time."}
        </p>
      )}
    </div>
  );
}

function Legend({ mode }: { mode: Mode }) {
  const items =
    mode === "plan"
      ? [
          ["tl-key-critical", "Critical step"],
          ["tl-key-planned", "Step with slack"],
          ["tl-key-slack", "Slack"],
          ["tl-key-run", "Ran / expected"],
          ["tl-key-now", "Now"],
        ]
      : [
          ["tl-key-task", "Task"],
          ["tl-key-band", "Overloaded"],
          ["tl-key-late", "Late or simultaneous"],
          ["tl-key-now", "Now"],
        ];
  return (
    <ul className="timeline-legend" aria-label="Legend">
      {items.map(([cls, label]) => (
        <li key={cls}>
          <span className={`tl-key ${cls}`} aria-hidden="true" />
          {label}
        </li>
      ))}
    </ul>
  );
}

/** The whole chart, not only what is in view, as one SVG file with its labels. */
function standalone(scroller: HTMLDivElement, chart: Chart): { svg: string; width: number; height: number } {
  const axis = scroller.querySelector<SVGSVGElement>("svg.tl-axis")!;
  const body = scroller.querySelector<SVGSVGElement>("svg.tl-body")!;
  const style = getComputedStyle(scroller);
  const color = (name: string) => style.getPropertyValue(name).trim();
  const width = LABEL_WIDTH + body.width.baseVal.value;
  const height = AXIS_HEIGHT + body.height.baseVal.value;
  const texts: Text[] = chart.rows.flatMap((row, i) => [
    { x: 10, y: AXIS_HEIGHT + i * ROW_HEIGHT + 15, text: row.label, color: color("--text"), size: 13, weight: 600 },
    { x: 10, y: AXIS_HEIGHT + i * ROW_HEIGHT + 29, text: row.detail, color: color("--muted"), size: 11 },
  ]);
  const parts = [
    { svg: axis, x: LABEL_WIDTH, y: 0 },
    { svg: body, x: LABEL_WIDTH, y: AXIS_HEIGHT },
  ];
  return { svg: composeSvg(width, height, color("--panel") || "#ffffff", parts, texts), width, height };
}
