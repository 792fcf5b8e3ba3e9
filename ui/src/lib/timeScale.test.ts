import { describe, expect, it } from "vitest";
import { clampZoom, formatHours, nearestZoom, stepZoom, TimeScale, MAX_PX_PER_HOUR, MIN_PX_PER_HOUR } from "./timeScale";

describe("the timeline's scale", () => {
  it("maps hours to pixels at the zoom and keeps the zoom in its range", () => {
    const s = new TimeScale("2026-12-01T00:00:00.000Z", 10, 6);
    expect(s.x(0)).toBe(0);
    expect(s.x(2.5)).toBe(15);
    expect(s.width).toBe(60);
    expect(s.date(1).toISOString()).toBe("2026-12-01T01:00:00.000Z");
    expect(clampZoom(1e9)).toBe(MAX_PX_PER_HOUR);
    expect(clampZoom(0)).toBe(MIN_PX_PER_HOUR);
    expect(clampZoom(Number.NaN)).toBe(6);
  });

  it("survives an unreadable origin and an empty span", () => {
    const s = new TimeScale("not a time", 0, 6);
    expect(s.hours).toBe(1);
    expect(s.ticks().length).toBeGreaterThan(0);
  });

  it("zooms by √2 steps and names the nearest level", () => {
    expect(stepZoom(6, 1)).toBeCloseTo(6 * Math.SQRT2);
    expect(stepZoom(stepZoom(6, 1), -1)).toBeCloseTo(6);
    expect(stepZoom(MAX_PX_PER_HOUR, 1)).toBe(MAX_PX_PER_HOUR);
    expect(nearestZoom(40)).toBe("hours");
    expect(nearestZoom(5)).toBe("days");
    expect(nearestZoom(0.6)).toBe("weeks");
  });

  it("puts ticks on calendar boundaries, about 90 px apart, inside the chart", () => {
    for (const pxPerHour of [48, 6, 1]) {
      const s = new TimeScale("2026-12-01T00:00:00.000Z", 24 * 21, pxPerHour);
      const ticks = s.ticks();
      expect(ticks.length).toBeGreaterThan(1);
      for (const t of ticks) {
        expect(t.x).toBeGreaterThanOrEqual(0);
        expect(t.x).toBeLessThanOrEqual(s.width);
        expect(t.label.length).toBeGreaterThan(0);
      }
      const gaps = ticks.slice(1).map((t, i) => t.x - ticks[i].x);
      expect(Math.min(...gaps)).toBeGreaterThan(30);
    }
  });

  it("writes lengths as people read them", () => {
    expect(formatHours(3)).toBe("3 h");
    expect(formatHours(1.25)).toBe("1.3 h");
    expect(formatHours(48)).toBe("2 d");
    expect(formatHours(52)).toBe("2 d 4 h");
  });
});
