import { describe, expect, it } from "vitest";
import { boxBetween, clickKind, clickSelect, EMPTY_SELECTION, extendRun, isBox, keysInBox, runBetween, selectionAnnouncement, union } from "./selection";

const lane = ["T-1", "T-2", "T-3", "T-4", "T-5"];

describe("clickSelect", () => {
  it("toggles with Ctrl, one key at a time, and moves the anchor", () => {
    let s = clickSelect(EMPTY_SELECTION, "T-2", "toggle", lane);
    s = clickSelect(s, "T-4", "toggle", lane);
    expect(s).toEqual({ keys: ["T-2", "T-4"], anchor: "T-4" });
    expect(clickSelect(s, "T-2", "toggle", lane)).toEqual({ keys: ["T-4"], anchor: "T-2" });
  });
  it("takes the run from the anchor with Shift, either way, adding to what is selected", () => {
    const s = { keys: ["T-4"], anchor: "T-4" };
    expect(clickSelect(s, "T-2", "range", lane).keys).toEqual(["T-4", "T-2", "T-3"]);
    expect(clickSelect({ keys: ["T-1"], anchor: "T-1" }, "T-3", "range", lane).keys).toEqual(["T-1", "T-2", "T-3"]);
  });
  it("starts the run at the clicked key when the anchor is elsewhere or missing", () => {
    expect(clickSelect({ keys: ["X-9"], anchor: "X-9" }, "T-3", "range", lane)).toEqual({ keys: ["X-9", "T-3"], anchor: "T-3" });
    expect(clickSelect(EMPTY_SELECTION, "T-3", "range", lane)).toEqual({ keys: ["T-3"], anchor: "T-3" });
  });
  it("starts over on a plain click", () => {
    expect(clickSelect({ keys: ["T-1", "T-2"], anchor: "T-2" }, "T-5", "plain", lane)).toEqual({ keys: ["T-5"], anchor: "T-5" });
  });
});

describe("runBetween", () => {
  it("spans either way, and shrinks back to one", () => {
    expect(runBetween(lane, "T-2", "T-4")).toEqual(["T-2", "T-3", "T-4"]);
    expect(runBetween(lane, "T-4", "T-2")).toEqual(["T-2", "T-3", "T-4"]);
    expect(runBetween(lane, "T-3", "T-3")).toEqual(["T-3"]);
    expect(runBetween(lane, "X-1", "T-3")).toEqual(["T-3"]);
  });
});

describe("extendRun", () => {
  it("grows a run from the focused card, and shrinks it on the way back", () => {
    let step = extendRun(EMPTY_SELECTION, "T-2", lane, 1);
    expect(step).toEqual({ selection: { keys: ["T-2", "T-3"], anchor: "T-2" }, focus: "T-3" });
    step = extendRun(step.selection, step.focus, lane, 1);
    expect(step.selection.keys).toEqual(["T-2", "T-3", "T-4"]);
    step = extendRun(step.selection, step.focus, lane, -1);
    expect(step).toEqual({ selection: { keys: ["T-2", "T-3"], anchor: "T-2" }, focus: "T-3" });
    // Past the anchor the run turns round it.
    step = extendRun(step.selection, "T-2", lane, -1);
    expect(step).toEqual({ selection: { keys: ["T-1", "T-2"], anchor: "T-2" }, focus: "T-1" });
  });

  it("stops at the ends of the lane", () => {
    expect(extendRun(EMPTY_SELECTION, "T-5", lane, 1)).toEqual({ selection: { keys: ["T-5"], anchor: "T-5" }, focus: "T-5" });
    expect(extendRun(EMPTY_SELECTION, "T-1", lane, -1).focus).toBe("T-1");
  });

  it("keeps what is selected in other lanes, and starts afresh in this one", () => {
    // Picked with Ctrl in another lane (anchor there), then a run begun here.
    const elsewhere = { keys: ["A-1", "T-5"], anchor: "A-1" };
    expect(extendRun(elsewhere, "T-3", lane, -1)).toEqual({ selection: { keys: ["A-1", "T-2", "T-3"], anchor: "T-3" }, focus: "T-2" });
  });

  it("leaves the selection alone for a card not in the lane", () => {
    const s = { keys: ["T-1"], anchor: "T-1" };
    expect(extendRun(s, "X-9", lane, 1)).toEqual({ selection: s, focus: "X-9" });
  });
});

describe("clickKind", () => {
  it("reads Shift before Ctrl or Cmd", () => {
    expect(clickKind({ ctrlKey: true, metaKey: false, shiftKey: true })).toBe("range");
    expect(clickKind({ ctrlKey: false, metaKey: true, shiftKey: false })).toBe("toggle");
    expect(clickKind({ ctrlKey: false, metaKey: false, shiftKey: false })).toBe("plain");
  });
});

describe("boxes", () => {
  const rect = (left: number, top: number) => ({ left, top, right: left + 100, bottom: top + 40 });
  const items = [
    { key: "A", rect: rect(0, 0) },
    { key: "B", rect: rect(0, 60) },
    { key: "C", rect: rect(200, 0) },
  ];
  it("normalises a drag made any way", () => {
    expect(boxBetween({ x: 50, y: 90 }, { x: 10, y: 5 })).toEqual({ left: 10, top: 5, right: 50, bottom: 90 });
  });
  it("takes every item the box touches, even at an edge", () => {
    expect(keysInBox(items, { left: 50, top: 20, right: 60, bottom: 70 })).toEqual(["A", "B"]);
    expect(keysInBox(items, { left: 100, top: 0, right: 200, bottom: 10 })).toEqual(["A", "C"]);
    expect(keysInBox(items, { left: 110, top: 50, right: 190, bottom: 200 })).toEqual([]);
  });
  it("tells a box from a click", () => {
    expect(isBox({ left: 0, top: 0, right: 2, bottom: 3 })).toBe(false);
    expect(isBox({ left: 0, top: 0, right: 20, bottom: 3 })).toBe(true);
  });
});

describe("words", () => {
  it("counts and announces", () => {
    expect(selectionAnnouncement(3, "task")).toBe("3 tasks selected");
    expect(selectionAnnouncement(1, "goal")).toBe("1 goal selected");
    expect(selectionAnnouncement(0, "task")).toBe("Selection cleared");
    expect(union(["a", "b"], ["b", "c", "c"])).toEqual(["a", "b", "c"]);
  });
});
