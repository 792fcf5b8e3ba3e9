import { describe, expect, it } from "vitest";
import type { GoalNode } from "../generated/GoalNode";
import { matchGoals } from "./goalPicker";

function goal(key: string, title: string): GoalNode {
  return { key, title, parent: null, priority: 5, kind: "hard", status: "pending" };
}

const goals = [goal("G-12", "Open the shop"), goal("G-1", "Grow revenue"), goal("G-2", "Shopfront redesign"), goal("G-3", "Reopen stores")];
const keys = (found: GoalNode[]) => found.map((g) => g.key);

describe("matchGoals", () => {
  it("ranks exact key, key prefix, title word start, then anywhere", () => {
    expect(keys(matchGoals(goals, "g-1", new Set()))).toStrictEqual(["G-1", "G-12"]);
    expect(keys(matchGoals(goals, "shop", new Set()))).toStrictEqual(["G-12", "G-2"]);
    expect(keys(matchGoals(goals, "open", new Set()))).toStrictEqual(["G-12", "G-3"]);
  });

  it("never offers excluded goals and stops at the limit", () => {
    expect(keys(matchGoals(goals, "", new Set(["G-1"]), 2))).toStrictEqual(["G-12", "G-2"]);
    expect(keys(matchGoals(goals, "nothing like it", new Set()))).toStrictEqual([]);
  });

  it("offers 12 of 10,000 goals", () => {
    const many = Array.from({ length: 10_000 }, (_, i) => goal(`G-${i}`, `Goal ${i}`));
    expect(matchGoals(many, "goal 99", new Set())).toHaveLength(12);
    expect(keys(matchGoals(many, "G-9999", new Set()))[0]).toBe("G-9999");
  });
});
