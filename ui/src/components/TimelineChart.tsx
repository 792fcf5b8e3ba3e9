// Draws a timeline Chart (lib/timelineRows.ts): labels on the left (HTML, sticky while
// scrolling in time), the calendar axis on top (sticky while scrolling down), and one SVG
// of bars, overload bands, precedence arrows and the now and deadline lines. Positions
// come from the core's schedule; this only scales hours to pixels.

import { memo, useMemo, type Ref } from "react";
import type { Arrow, Bar, Chart, Marker } from "../lib/timelineRows";
import { TimeScale } from "../lib/timeScale";

export const LABEL_WIDTH = 200;
export const AXIS_HEIGHT = 34;
export const ROW_HEIGHT = 36;

/** Room a character of a bar label takes, to leave out labels that would not fit. */
const CHAR_WIDTH = 7;

interface Props {
  chart: Chart;
  pxPerHour: number;
  /** A click on a bar that has a task. */
  onOpenTask: (task: string) => void;
  scrollRef: Ref<HTMLDivElement>;
  onWheel: (event: React.WheelEvent<HTMLDivElement>) => void;
}

export function TimelineChart({ chart, pxPerHour, onOpenTask, scrollRef, onWheel }: Props) {
  const scale = useMemo(() => new TimeScale(chart.origin, chart.hours, pxPerHour), [chart.origin, chart.hours, pxPerHour]);
  const height = Math.max(1, chart.rows.length) * ROW_HEIGHT;
  return (
    <div className="tl-scroll" ref={scrollRef} onWheel={onWheel} tabIndex={0} role="region" aria-label="Timeline: scroll to move in time, Ctrl+wheel to zoom" data-testid="timeline-scroll">
      <div className="tl-grid" style={{ gridTemplateColumns: `${LABEL_WIDTH}px ${scale.width}px` }}>
        <div className="tl-corner" />
        <Axis scale={scale} markers={chart.markers} />
        <div className="tl-labels">
          {chart.rows.map((row) => (
            <div key={row.id} className={`tl-label${row.warn ? " warn" : ""}`} style={{ height: ROW_HEIGHT }} data-row={row.id}>
              <span className="tl-label-main">{row.label}</span>
              <span className="tl-label-detail">{row.detail}</span>
            </div>
          ))}
        </div>
        <svg className="tl-body" width={scale.width} height={height} role="img" aria-label={chart.summary} data-testid="timeline-body">
          <Grid scale={scale} rows={chart.rows.length} />
          {chart.rows.map((row, i) =>
            row.bands.map((band, j) => (
              <rect key={`${row.id}-band-${j}`} className="tl-band" x={scale.x(band.start)} y={i * ROW_HEIGHT} width={Math.max(2, scale.x(band.finish) - scale.x(band.start))} height={ROW_HEIGHT} data-overload={row.id}>
                <title>{band.title}</title>
              </rect>
            )),
          )}
          {chart.arrows.map((arrow, i) => (
            <ArrowPath key={i} arrow={arrow} scale={scale} />
          ))}
          {chart.rows.map((row, i) => (
            <g key={row.id} transform={`translate(0 ${i * ROW_HEIGHT})`}>
              {row.bars.map((bar, j) => (
                <BarShape key={j} bar={bar} scale={scale} onOpenTask={onOpenTask} />
              ))}
            </g>
          ))}
          {chart.markers.map((m) => (
            <line key={m.kind} className={`tl-marker tl-${m.kind}`} x1={scale.x(m.hour)} x2={scale.x(m.hour)} y1={0} y2={height} data-marker={m.kind} />
          ))}
          <defs>
            <marker id="tl-arrowhead" viewBox="0 0 6 6" refX="6" refY="3" markerWidth="6" markerHeight="6" orient="auto">
              <path d="M0,0 L6,3 L0,6 z" className="tl-arrowhead" />
            </marker>
            <marker id="tl-arrowhead-critical" viewBox="0 0 6 6" refX="6" refY="3" markerWidth="6" markerHeight="6" orient="auto">
              <path d="M0,0 L6,3 L0,6 z" className="tl-arrowhead critical" />
            </marker>
          </defs>
        </svg>
      </div>
    </div>
  );
}

const Axis = memo(function Axis({ scale, markers }: { scale: TimeScale; markers: Marker[] }) {
  return (
    <svg className="tl-axis" width={scale.width} height={AXIS_HEIGHT} aria-hidden="true">
      <rect className="tl-axis-bg" width={scale.width} height={AXIS_HEIGHT} />
      {scale.ticks().map((t, i) => (
        <g key={i} transform={`translate(${t.x} 0)`}>
          <line className="tl-tick" y1={AXIS_HEIGHT - 8} y2={AXIS_HEIGHT} />
          <text className="tl-tick-label" x={4} y={AXIS_HEIGHT - 12}>
            {t.label}
          </text>
        </g>
      ))}
      {markers.map((m) => (
        <text key={m.kind} className={`tl-marker-label tl-${m.kind}`} x={scale.x(m.hour) + 3} y={11}>
          {m.label}
        </text>
      ))}
    </svg>
  );
});

const Grid = memo(function Grid({ scale, rows }: { scale: TimeScale; rows: number }) {
  return (
    <g className="tl-gridlines">
      {scale.ticks().map((t, i) => (
        <line key={`t${i}`} x1={t.x} x2={t.x} y1={0} y2={rows * ROW_HEIGHT} />
      ))}
      {Array.from({ length: rows }, (_, i) => (
        <line key={`r${i}`} x1={0} x2={scale.width} y1={(i + 1) * ROW_HEIGHT} y2={(i + 1) * ROW_HEIGHT} />
      ))}
    </g>
  );
});

/** Where each kind of bar sits in its row, and how tall it is. */
const GEOMETRY: Record<Bar["kind"], { y: number; h: number }> = {
  planned: { y: 6, h: 16 },
  critical: { y: 6, h: 16 },
  slack: { y: 10, h: 8 },
  run: { y: 25, h: 7 },
  task: { y: 7, h: 22 },
};

function BarShape({ bar, scale, onOpenTask }: { bar: Bar; scale: TimeScale; onOpenTask: (task: string) => void }) {
  const { y, h } = GEOMETRY[bar.kind];
  const x = scale.x(bar.start);
  // A bar of no length is still a mark one can see and point at.
  const width = Math.max(3, scale.x(bar.finish) - x);
  const classes = ["tl-bar", `tl-${bar.kind}`, bar.status ? `tl-status-${bar.status}` : "", bar.projected ? "projected" : "", bar.late ? "late" : "", bar.task ? "clickable" : ""].join(" ");
  const showLabel = bar.label !== "" && width > bar.label.length * CHAR_WIDTH + 8;
  return (
    <g className={classes} data-kind={bar.kind} data-task={bar.task ?? undefined} data-status={bar.status ?? undefined} onClick={bar.task ? () => onOpenTask(bar.task!) : undefined}>
      <title>{bar.title}</title>
      <rect x={x} y={y} width={width} height={h} rx={bar.kind === "slack" ? 0 : 3} />
      {showLabel && (
        <text x={x + 5} y={y + h / 2} dominantBaseline="central">
          {bar.label}
        </text>
      )}
    </g>
  );
}

function ArrowPath({ arrow, scale }: { arrow: Arrow; scale: TimeScale }) {
  const mid = (row: number) => row * ROW_HEIGHT + GEOMETRY.planned.y + GEOMETRY.planned.h / 2;
  const x1 = scale.x(arrow.from.hour);
  const y1 = mid(arrow.from.row);
  const x2 = scale.x(arrow.to.hour) - 1;
  const y2 = mid(arrow.to.row);
  const out = x1 + 6;
  // Room to turn before the next bar: straight down then across; otherwise round its start.
  const d =
    x2 - out >= 6
      ? `M${x1},${y1} H${out} V${y2} H${x2}`
      : `M${x1},${y1} H${out} V${y2 + (y2 > y1 ? -1 : 1) * (ROW_HEIGHT / 2 - 2)} H${x2 - 8} V${y2} H${x2}`;
  return <path className={`tl-arrow${arrow.critical ? " critical" : ""}`} d={d} markerEnd={`url(#tl-arrowhead${arrow.critical ? "-critical" : ""})`} />;
}
