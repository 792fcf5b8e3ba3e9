import { describe, expect, it } from "vitest";
import { focusOn, viewOf } from "./focus";

describe("viewOf", () => {
  it("names the view that shows each kind", () => {
    expect(viewOf("goal")).toBe("goals");
    expect(viewOf("action")).toBe("actions");
    expect(viewOf("method")).toBe("goals");
    expect(viewOf("fact")).toBeNull();
    expect(viewOf("agent")).toBe("agents");
    expect(viewOf("task")).toBe("tasks");
    expect(viewOf("plan")).toBe("plans");
    expect(viewOf("workspace")).toBeNull();
  });
});

describe("focusOn", () => {
  it("passes on only a focus of the view's kind", () => {
    const focus = { kind: "goal" as const, key: "G-1", seq: 3 };
    expect(focusOn(focus, "goal")).toBe(focus);
    expect(focusOn(focus, "task")).toBeNull();
    expect(focusOn(null, "goal")).toBeNull();
  });
});
