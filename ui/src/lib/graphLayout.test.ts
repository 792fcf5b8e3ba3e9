import { describe, expect, it } from "vitest";
import { edgesToRemove, inside, topLeftCorners } from "./graphLayout";

describe("graph layout", () => {
  it("turns centres into top-left corners", () => {
    const layout = { nodes: [{ id: "S1", x: 100, y: 40 }, { id: "S2", x: 100, y: 180 }], edges: [], crossings: 0 };
    const corners = topLeftCorners(layout, { width: 180, height: 64 });
    expect(corners.get("S1")).toStrictEqual({ x: 10, y: 8 });
    expect(corners.get("S2")).toStrictEqual({ x: 10, y: 148 });
  });

  it("finds a drop inside a box, edges included", () => {
    const rect = { left: 10, top: 20, right: 110, bottom: 220 };
    expect(inside(rect, 10, 20)).toBe(true);
    expect(inside(rect, 60, 100)).toBe(true);
    expect(inside(rect, 9, 100)).toBe(false);
    expect(inside(rect, 60, 221)).toBe(false);
  });

  it("leaves the edges of removed steps to the step removal", () => {
    const edges = [
      { source: "S1", target: "S2" },
      { source: "S2", target: "S3" },
      { source: "S3", target: "S4" },
    ];
    expect(edgesToRemove(edges, new Set(["S2"]))).toStrictEqual([{ source: "S3", target: "S4" }]);
    expect(edgesToRemove(edges, new Set())).toStrictEqual(edges);
  });
});
