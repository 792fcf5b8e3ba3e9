import { describe, expect, it } from "vitest";
import { highlight, moveActive } from "./search";

const marked = (text: string, query: string) => highlight(text, query).map((p) => (p.match ? `[${p.text}]` : p.text)).join("");

describe("highlight", () => {
  it("marks the first match, ignoring case and surrounding space", () => {
    expect(marked("Launch the Shop", "shop")).toBe("Launch the [Shop]");
    expect(marked("Workshop and shop", " SHOP ")).toBe("Work[shop] and shop");
    expect(marked("G-SHOP", "g-shop")).toBe("[G-SHOP]");
    expect(marked("Über", "üb")).toBe("[Üb]er");
  });

  it("marks nothing when nothing matches or offsets would not line up", () => {
    expect(highlight("Grow revenue", "zebra")).toStrictEqual([{ text: "Grow revenue", match: false }]);
    expect(highlight("Grow", "")).toStrictEqual([{ text: "Grow", match: false }]);
    expect(marked("İstanbul office", "office")).toBe("İstanbul office");
  });
});

describe("moveActive", () => {
  it("steps and wraps round", () => {
    expect(moveActive(0, 3, 1)).toBe(1);
    expect(moveActive(2, 3, 1)).toBe(0);
    expect(moveActive(0, 3, -1)).toBe(2);
    expect(moveActive(-1, 3, 1)).toBe(0);
    expect(moveActive(-1, 3, -1)).toBe(2);
    expect(moveActive(-1, 0, 1)).toBe(-1);
  });
});
