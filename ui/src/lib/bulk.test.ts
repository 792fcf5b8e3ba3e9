import { describe, expect, it } from "vitest";
import type { CommandError } from "../generated/CommandError";
import type { Task } from "../generated/Task";
import { bulkDrop, bulkNotice, goalEdit, goalEditField, NO_CHOICES, TO_ROOT } from "./bulk";
import { UNASSIGNED } from "./board";

const task = (key: string, assignee: string | null) => ({ key, assignee }) as Task;

describe("bulkDrop", () => {
  const tasks = [task("T-1", null), task("T-2", "AG-1"), task("T-3", "AG-2")];
  it("sends only the tasks not in the lane already", () => {
    expect(bulkDrop(tasks, "AG-1")).toEqual({ agent: "AG-1", keys: ["T-1", "T-3"] });
    expect(bulkDrop(tasks, UNASSIGNED)).toEqual({ agent: null, keys: ["T-2", "T-3"] });
  });
});

describe("bulkNotice", () => {
  it("counts what moved and names each card left with its capability", () => {
    const notice = bulkNotice({
      agent: "AG-1",
      assigned: ["T-1", "T-2"],
      refused: [{ task: "T-3", code: "missing_capability", capability: "legal", message: "agent AG-1 cannot take task T-3: it needs legal at level 2, the agent lacks it" }],
    });
    expect(notice.summary).toBe("2 tasks assigned to AG-1; 1 task stays where it was");
    expect(notice.refused).toEqual([{ task: "T-3", capability: "legal", message: expect.stringContaining("legal") }]);
    expect(bulkNotice({ agent: null, assigned: ["T-1"], refused: [] }).summary).toBe("1 task unassigned");
  });
});

describe("goalEdit", () => {
  it("sets only what is chosen", () => {
    expect(goalEdit({ status: "active", priority: "", parent: "" })).toEqual({ status: "active", priority: null, parent: null });
    expect(goalEdit({ status: "", priority: " 7 ", parent: "G-1" })).toEqual({ status: null, priority: 7, parent: { under: "G-1" } });
    expect(goalEdit({ ...NO_CHOICES, parent: TO_ROOT })).toEqual({ status: null, priority: null, parent: "root" });
  });
  it("refuses an edit that sets nothing", () => {
    expect(goalEdit(NO_CHOICES)).toEqual({ problem: expect.stringContaining("Choose") });
  });
});

describe("goalEditField", () => {
  const error = (code: string, field: string | null = null, key: string | null = null): CommandError => ({ code, message: "", entity: "goal", key, field });
  it("marks the field a refusal is about", () => {
    expect(goalEditField(error("invalid_transition"), "")).toBe("status");
    expect(goalEditField(error("cycle"), "G-1")).toBe("parent");
    expect(goalEditField(error("invalid", "priority"), "")).toBe("priority");
    expect(goalEditField(error("not_found", null, "G-9"), "G-9")).toBe("parent");
    expect(goalEditField(error("not_found", null, "G-2"), "G-9")).toBeNull();
    expect(goalEditField(error("selection_refused", "status"), "")).toBe("status");
    expect(goalEditField(error("selection_refused"), "")).toBeNull();
  });
});
