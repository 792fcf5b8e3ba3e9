import { describe, expect, it } from "vitest";
import { actionFields, actionForm } from "./actionForm";
import { agentFields, agentForm } from "./agentForm";
import { addCapability, removeCapability, setLevel } from "./capabilityRows";
import { namesAField } from "./formErrors";
import { deadlineFromInput, EMPTY_TASK, taskFields } from "./taskForm";

describe("action form", () => {
  it("reads back what it shows", () => {
    const fields = {
      name: "Deploy",
      description: "to production",
      cost: 400,
      duration: 4,
      requires: [{ capability: "devops", level: 3 }],
      preconditions: [{ key: "qa.passed", op: "eq" as const, value: true }],
      effects: [{ key: "store.live", value: true }],
    };
    expect(actionFields(actionForm(fields))).toEqual(fields);
  });
  it("hands a blank number on as NaN for the core to refuse", () => {
    const form = { ...actionForm({ name: "A", description: "", cost: 1, duration: 1, requires: [], preconditions: [], effects: [] }), cost: " " };
    expect(actionFields(form).cost).toBeNaN();
  });
});

describe("agent form", () => {
  it("reads back what it shows", () => {
    const fields = { name: "Atlas", experience: 340, capacity: 80, active: false, capabilities: [{ capability: "web-dev", level: 5 }] };
    expect(agentFields(agentForm(fields))).toEqual(fields);
  });
});

describe("capability chips", () => {
  const list = [{ capability: "design", level: 2 }];
  it("adds, changes the level of, and removes a capability", () => {
    expect(addCapability(list, " web-dev ", 4)).toEqual([...list, { capability: "web-dev", level: 4 }]);
    expect(addCapability(list, "design", 5)).toEqual([{ capability: "design", level: 5 }]);
    expect(setLevel(list, "design", 3)).toEqual([{ capability: "design", level: 3 }]);
    expect(removeCapability(list, "design")).toEqual([]);
  });
});

describe("task form", () => {
  it("makes the core's fields, with no goal and no deadline when blank", () => {
    expect(taskFields({ ...EMPTY_TASK, title: "Renew the domain" })).toEqual({
      title: "Renew the domain",
      description: "",
      priority: 5,
      deadline: null,
      effort: 1,
      goal: null,
      step: null,
    });
  });
  it("turns a local deadline into UTC and leaves nonsense for the core", () => {
    const local = "2026-12-01T17:00";
    expect(deadlineFromInput(local)).toBe(new Date(local).toISOString().replace(".000Z", "Z"));
    expect(deadlineFromInput("soon")).toBe("soon");
  });
});

describe("namesAField", () => {
  const error = (field: string | null) => ({ code: "invalid", message: "m", entity: null, key: null, field });
  it("matches a field and the items of a list field", () => {
    expect(namesAField(error("requires[1].level"), ["requires"])).toBe(true);
    expect(namesAField(error("capacity"), ["capacity"])).toBe(true);
    expect(namesAField(error("key"), ["capacity"])).toBe(false);
    expect(namesAField(error(null), ["capacity"])).toBe(false);
  });
});
