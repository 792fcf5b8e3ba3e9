import { describe, expect, it } from "vitest";
import { fieldsFromMethodForm, formFromMethod, isMethodFieldError, moveRow } from "./methodForm";

describe("method form", () => {
  it("round-trips a method's fields", () => {
    const fields = {
      name: "Build it ourselves",
      priority: 8,
      ordered: false,
      conditions: [{ key: "region", op: "in" as const, value: ["eu", "us"] }],
      subtasks: [
        { kind: "goal" as const, key: "G-PAY" },
        { kind: "action" as const, key: "A-QA" },
      ],
    };
    expect(fieldsFromMethodForm(formFromMethod(fields))).toEqual(fields);
  });

  it("reads a blank priority as NaN, for the core to refuse with the field", () => {
    const form = { ...formFromMethod({ name: "m", priority: 5, ordered: true, conditions: [], subtasks: [] }), priority: " " };
    expect(fieldsFromMethodForm(form).priority).toBeNaN();
  });

  it("moves a subtask up and down, and not past the ends", () => {
    expect(moveRow(["a", "b", "c"], 2, -1)).toEqual(["a", "c", "b"]);
    expect(moveRow(["a", "b", "c"], 0, 1)).toEqual(["b", "a", "c"]);
    expect(moveRow(["a", "b"], 0, -1)).toEqual(["a", "b"]);
  });

  it("knows which errors belong beside a field", () => {
    const at = (field: string | null) => ({ code: "invalid", message: "m", entity: null, key: null, field });
    expect(isMethodFieldError(at("subtasks[1]"))).toBe(true);
    expect(isMethodFieldError(at("priority"))).toBe(true);
    expect(isMethodFieldError(at(null))).toBe(false);
    expect(isMethodFieldError(at("goal"))).toBe(false);
  });
});
