import { describe, expect, it } from "vitest";
import { nextLanePosition } from "./laneKeys";

const lanes = [0, 250, 500].map((left) => ({ left, top: 100, width: 240 }));
const card = { left: 10, top: 160, width: 220 };

describe("nextLanePosition", () => {
  it("centres the card on the next lane that way, at the same height", () => {
    expect(nextLanePosition(lanes, card, 1)).toEqual({ x: 260, y: 160 });
    expect(nextLanePosition(lanes, { ...card, left: 260 }, 1)).toEqual({ x: 510, y: 160 });
    expect(nextLanePosition(lanes, { ...card, left: 510 }, -1)).toEqual({ x: 260, y: 160 });
  });
  it("stays put at either end", () => {
    expect(nextLanePosition(lanes, card, -1)).toBeNull();
    expect(nextLanePosition(lanes, { ...card, left: 510 }, 1)).toBeNull();
  });
  it("takes the nearest lane whatever order the lanes come in", () => {
    expect(nextLanePosition([...lanes].reverse(), card, 1)).toEqual({ x: 260, y: 160 });
  });
});
