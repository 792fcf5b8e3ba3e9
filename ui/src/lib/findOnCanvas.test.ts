import { describe, expect, it } from "vitest";
import { findMatches, nextMatch } from "./findOnCanvas";

const steps = [
  { id: "S1", texts: ["Load products"] },
  { id: "S2", texts: ["Build the shop"] },
  { id: "S12", texts: ["Load prices"] },
];

describe("findMatches", () => {
  it("matches keys and names without regard to case, an exact key first", () => {
    expect(findMatches(steps, "load")).toEqual(["S1", "S12"]);
    expect(findMatches(steps, "s1")).toEqual(["S1", "S12"]);
    expect(findMatches(steps, "S12")).toEqual(["S12"]);
    expect(findMatches([{ id: "S2", texts: ["s1 follow-up"] }, ...steps], "s1")).toEqual(["S1", "S2", "S12"]);
    expect(findMatches(steps, "SHOP")).toEqual(["S2"]);
  });
  it("finds nothing for an empty query or a missing text", () => {
    expect(findMatches(steps, "  ")).toEqual([]);
    expect(findMatches(steps, "zebra")).toEqual([]);
  });
});

describe("nextMatch", () => {
  it("starts at the first and goes round", () => {
    expect(nextMatch(["S1", "S12"], null)).toBe("S1");
    expect(nextMatch(["S1", "S12"], "S1")).toBe("S12");
    expect(nextMatch(["S1", "S12"], "S12")).toBe("S1");
    expect(nextMatch(["S1", "S12"], "S9")).toBe("S1");
    expect(nextMatch([], "S1")).toBeNull();
  });
});
