// The timeline's horizontal scale: hours from a chart's origin to pixels, a zoom that
// runs from hours to weeks, and calendar ticks (d3-scale picks the intervals: 1 h, 3 h,
// 12 h, a day, a week… and labels them in the user's time zone).

import { scaleTime } from "d3-scale";

const HOUR_MS = 3_600_000;

/** Pixels per hour, from a fortnight on a screen (weeks) to a few hours on it (hours). */
export const MIN_PX_PER_HOUR = 0.5;
export const MAX_PX_PER_HOUR = 96;

/** The named zoom levels the toolbar offers; in and out move by √2 between them. */
export const ZOOMS = [
  { id: "hours", label: "Hours", pxPerHour: 48 },
  { id: "days", label: "Days", pxPerHour: 6 },
  { id: "weeks", label: "Weeks", pxPerHour: 1 },
] as const;
export type ZoomId = (typeof ZOOMS)[number]["id"];

export function clampZoom(pxPerHour: number): number {
  if (!Number.isFinite(pxPerHour)) return ZOOMS[1].pxPerHour;
  return Math.min(MAX_PX_PER_HOUR, Math.max(MIN_PX_PER_HOUR, pxPerHour));
}

/** One step in (`+1`) or out (`-1`), by a factor of √2. */
export function stepZoom(pxPerHour: number, direction: 1 | -1): number {
  return clampZoom(pxPerHour * Math.SQRT2 ** direction);
}

/** The named level a scale is closest to (on a log scale), for the toolbar's state. */
export function nearestZoom(pxPerHour: number): ZoomId {
  let best: (typeof ZOOMS)[number] = ZOOMS[0];
  for (const z of ZOOMS) {
    if (Math.abs(Math.log(z.pxPerHour / pxPerHour)) < Math.abs(Math.log(best.pxPerHour / pxPerHour))) best = z;
  }
  return best.id;
}

export interface Tick {
  /** Pixels from the chart's left edge. */
  x: number;
  label: string;
}

/** The scale of one chart: `origin` (RFC 3339) is hour 0, `hours` the span drawn. */
export class TimeScale {
  readonly origin: number;
  readonly pxPerHour: number;
  readonly hours: number;

  constructor(origin: string, hours: number, pxPerHour: number) {
    const ms = Date.parse(origin);
    this.origin = Number.isFinite(ms) ? ms : 0;
    this.hours = Number.isFinite(hours) && hours > 0 ? hours : 1;
    this.pxPerHour = clampZoom(pxPerHour);
  }

  /** Pixels from the left edge at `hour` hours from the origin. */
  x(hour: number): number {
    return hour * this.pxPerHour;
  }

  /** The chart's width in pixels. */
  get width(): number {
    return Math.ceil(this.x(this.hours));
  }

  /** The calendar time at `hour`. */
  date(hour: number): Date {
    return new Date(this.origin + hour * HOUR_MS);
  }

  /** A tick about every 90 pixels, at calendar boundaries, labelled for the zoom. */
  ticks(): Tick[] {
    const scale = scaleTime().domain([this.date(0), this.date(this.hours)]).range([0, this.width]);
    const count = Math.max(2, Math.floor(this.width / 90));
    const format = scale.tickFormat(count);
    return scale.ticks(count).map((d) => ({ x: scale(d), label: format(d) }));
  }
}

/** "3 h", "1.5 h", "2 d 4 h": a length in hours as people read it. */
export function formatHours(hours: number): string {
  if (!Number.isFinite(hours)) return "–";
  const round = (n: number) => Math.round(n * 10) / 10;
  if (Math.abs(hours) < 24) return `${round(hours)} h`;
  const days = Math.trunc(hours / 24);
  const rest = round(hours - days * 24);
  return rest === 0 ? `${days} d` : `${days} d ${rest} h`;
}
