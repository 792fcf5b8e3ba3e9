import { describe, expect, it } from "vitest";
import { fitView, openingView, START_MARGIN } from "./openingView";

const card = { width: 180, height: 64 };
const canvas = { width: 800, height: 600 };
const rules = { readable: 0.45, fitUpTo: 20, maxZoom: 1 };
/** Where a point of the drawing lands on the canvas. */
const onCanvas = (v: { x: number; y: number; zoom: number }, p: { x: number; y: number }) => ({ x: p.x * v.zoom + v.x, y: p.y * v.zoom + v.y });

/** A grid of `columns` × `rows` cards, 220 px apart across and 120 px down. */
function grid(columns: number, rows: number) {
  const corners = [];
  for (let r = 0; r < rows; r++) for (let c = 0; c < columns; c++) corners.push({ x: c * 220, y: r * 120 });
  return corners;
}

describe("opening view", () => {
  it("fits a small plan wholly in view, never zoomed in past 1", () => {
    const { viewport, fitted } = openingView(grid(2, 2), card, canvas, rules);
    expect(fitted).toBe(true);
    expect(viewport.zoom).toBe(1);
    const topLeft = onCanvas(viewport, { x: 0, y: 0 });
    const bottomRight = onCanvas(viewport, { x: 220 + 180, y: 120 + 64 });
    expect(topLeft.x).toBeGreaterThanOrEqual(0);
    expect(topLeft.y).toBeGreaterThanOrEqual(0);
    expect(bottomRight.x).toBeLessThanOrEqual(canvas.width);
    expect(bottomRight.y).toBeLessThanOrEqual(canvas.height);
  });

  it("fits a plan that is still readable fitted, below zoom 1", () => {
    const { viewport, fitted } = openingView(grid(5, 5), card, canvas, rules);
    expect(fitted).toBe(true);
    expect(viewport.zoom).toBeLessThan(1);
    expect(viewport.zoom).toBeGreaterThanOrEqual(0.45);
    expect(onCanvas(viewport, { x: 4 * 220 + 180, y: 0 }).x).toBeLessThanOrEqual(canvas.width);
  });

  it("opens a plan too big to read fitted on its top layer's first step, at the readable zoom", () => {
    // The top layer starts at x = 440; a lower layer reaches further left.
    const corners = [{ x: 440, y: 0 }, { x: 660, y: 0 }, { x: -2000, y: 120 }, ...grid(40, 30).map((c) => ({ x: c.x, y: c.y + 240 }))];
    const { viewport, fitted } = openingView(corners, card, canvas, rules);
    expect(fitted).toBe(false);
    expect(viewport.zoom).toBe(0.45);
    const start = onCanvas(viewport, { x: 440, y: 0 });
    expect(start.x).toBeCloseTo(START_MARGIN);
    expect(start.y).toBeCloseTo(START_MARGIN);
  });

  it("fits a few nodes even where they cannot be read fitted", () => {
    const chain = grid(1, 20);
    const { viewport, fitted } = openingView(chain, card, canvas, rules);
    expect(fitted).toBe(true);
    expect(viewport.zoom).toBeLessThan(0.45);
    expect(onCanvas(viewport, { x: 0, y: 19 * 120 + 64 }).y).toBeLessThanOrEqual(canvas.height);
    expect(openingView(grid(1, 21), card, canvas, rules).fitted).toBe(false);
  });

  it("takes a layer's tops within rounding as one layer", () => {
    const corners = [{ x: 300, y: 0.4 }, { x: 100, y: 0 }, ...grid(40, 30).map((c) => ({ x: c.x, y: c.y + 240 }))];
    const { viewport } = openingView(corners, card, canvas, rules);
    expect(onCanvas(viewport, { x: 100, y: 0 }).x).toBeCloseTo(START_MARGIN);
  });

  it("opens an empty plan, or one on a canvas not laid out yet, at zoom 1", () => {
    expect(openingView([], card, canvas, rules)).toStrictEqual({ viewport: { x: 0, y: 0, zoom: 1 }, fitted: true });
    expect(openingView(grid(3, 3), card, { width: 0, height: 0 }, rules).viewport).toStrictEqual({ x: 0, y: 0, zoom: 1 });
  });
});

describe("fit view", () => {
  it("shows the whole drawing centred, at most at the greatest zoom", () => {
    const v = fitView(grid(2, 2), card, canvas, 0.05, 1);
    expect(v.zoom).toBe(1);
    const [topLeft, bottomRight] = [onCanvas(v, { x: 0, y: 0 }), onCanvas(v, { x: 400, y: 184 })];
    expect(topLeft.x + bottomRight.x).toBeCloseTo(canvas.width);
    expect(topLeft.y + bottomRight.y).toBeCloseTo(canvas.height);
  });

  it("fits a big drawing below the readable zoom, with room around it", () => {
    const v = fitView(grid(40, 10), card, canvas, 0.05, 1);
    expect(v.zoom).toBeLessThan(0.45);
    const [topLeft, bottomRight] = [onCanvas(v, { x: 0, y: 0 }), onCanvas(v, { x: 39 * 220 + 180, y: 9 * 120 + 64 })];
    expect(topLeft.x).toBeGreaterThan(0);
    expect(bottomRight.x).toBeLessThan(canvas.width);
    expect(topLeft.y).toBeGreaterThanOrEqual(0);
    expect(bottomRight.y).toBeLessThanOrEqual(canvas.height);
  });

  it("stops at the least zoom, centred, when even that does not fit", () => {
    const v = fitView(grid(1000, 2), card, canvas, 0.05, 1);
    expect(v.zoom).toBe(0.05);
    const [left, right] = [onCanvas(v, { x: 0, y: 0 }), onCanvas(v, { x: 999 * 220 + 180, y: 0 })];
    expect(left.x + right.x).toBeCloseTo(canvas.width);
  });

  it("leaves an empty drawing at zoom 1", () => {
    expect(fitView([], card, canvas, 0.05, 1)).toStrictEqual({ x: 0, y: 0, zoom: 1 });
  });
});
