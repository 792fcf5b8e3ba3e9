// Where a plan's drawing opens. A small plan, or one that fits the canvas at a zoom where
// its cards can be read, opens wholly in view; a bigger one opens on its first steps at
// that zoom. Fitted whole, a 1,000-step plan is specks: it hits the least zoom and still does not fit, and
// the webview draws hundreds of boxes nobody can read before the first frame. Fit view
// (the canvas's controls) still shows all of it on request.

import { getViewportForBounds, type Viewport } from "@xyflow/react";
import type { Point } from "./graphLayout";

export type Size = { width: number; height: number };

/** Room around a fitted drawing, as a fraction of the canvas (xyflow's fitView default). */
export const FIT_PADDING = 0.1;
/** Pixels between the canvas's top left and the first step when a plan opens on it. */
export const START_MARGIN = 24;

export type OpeningView = {
  viewport: Viewport;
  /** Whether the whole drawing is in view. */
  fitted: boolean;
};

export type OpeningRules = {
  /** The least zoom at which the cards can be read. */
  readable: number;
  /** Drawings of up to this many nodes are fitted at any zoom: their shape is the point. */
  fitUpTo: number;
  maxZoom: number;
};

/**
 * The view of nodes drawn at `node` size with their top-left corners at `corners`, on a
 * canvas of `canvas` size: fitted (zoom at most `maxZoom`) when they are few or the fit's
 * zoom is at least `readable`; otherwise at zoom `readable`, the top layer's leftmost
 * node at the canvas's top left, where a plan starts as a page of text does.
 */
export function openingView(corners: Point[], node: Size, canvas: Size, rules: OpeningRules): OpeningView {
  const { readable, fitUpTo, maxZoom } = rules;
  if (corners.length === 0 || canvas.width <= 0 || canvas.height <= 0) {
    return { viewport: { x: 0, y: 0, zoom: Math.min(1, maxZoom) }, fitted: true };
  }
  const { fit, top } = fitted(corners, node, canvas, 0, maxZoom);
  if (fit.zoom >= readable || corners.length <= fitUpTo) return { viewport: fit, fitted: true };
  // The top layer: nodes whose top is (within rounding) the drawing's top.
  let first = Infinity;
  for (const c of corners) if (c.y - top < 1) first = Math.min(first, c.x);
  return {
    viewport: { x: START_MARGIN - first * readable, y: START_MARGIN - top * readable, zoom: readable },
    fitted: false,
  };
}

/**
 * The view that shows every node, zoomed between `minZoom` and `maxZoom` (at the least
 * zoom a very big drawing is centred and overflows), with xyflow's fit padding. The
 * canvas's Fit view sets it at once from the layout's own positions, rather than queueing
 * xyflow's fitView behind the next node update.
 */
export function fitView(corners: Point[], node: Size, canvas: Size, minZoom: number, maxZoom: number): Viewport {
  if (corners.length === 0 || canvas.width <= 0 || canvas.height <= 0) return { x: 0, y: 0, zoom: Math.min(1, maxZoom) };
  return fitted(corners, node, canvas, minZoom, maxZoom).fit;
}

function fitted(corners: Point[], node: Size, canvas: Size, minZoom: number, maxZoom: number): { fit: Viewport; top: number } {
  let [left, top, right, bottom] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const c of corners) {
    left = Math.min(left, c.x);
    top = Math.min(top, c.y);
    right = Math.max(right, c.x + node.width);
    bottom = Math.max(bottom, c.y + node.height);
  }
  const bounds = { x: left, y: top, width: right - left, height: bottom - top };
  return { fit: getViewportForBounds(bounds, canvas.width, canvas.height, minZoom, maxZoom, FIT_PADDING), top };
}
