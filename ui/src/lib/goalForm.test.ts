import { describe, expect, it } from "vitest";
import type { CommandError } from "../generated/CommandError";
import type { GoalFields } from "../generated/GoalFields";
import { errorFor, fieldsFromForm, formFromFields, isFieldError, rowError, rowErrorCell } from "./goalForm";

const fields: GoalFields = {
  title: "Keep stock healthy",
  description: "Reorder in time.",
  priority: 7,
  kind: "soft",
  mode: "maintain",
  refinement: "or",
  preconditions: [{ key: "warehouse.open", op: "eq", value: true }],
  postconditions: [
    { key: "stock.days", op: "ge", value: 21 },
    { key: "region", op: "in", value: ["eu", "us"] },
  ],
  effects: [{ key: "stock.label", value: "21" }],
  metrics: [{ name: "cover", target: 21, current: 12.5, unit: "days" }],
};

function error(field: string | null, message = "bad"): CommandError {
  return { code: "invalid", message, entity: "goal", key: "G-1", field };
}

describe("goal form", () => {
  it("round-trips every field through the form", () => {
    expect(fieldsFromForm(formFromFields(fields))).toStrictEqual(fields);
  });

  it("shows list operands and quoted look-alike texts as typed", () => {
    const form = formFromFields(fields);
    expect(form.postconditions[1]).toStrictEqual({ key: "region", op: "in", value: "eu, us" });
    expect(form.effects[0].value).toBe('"21"');
  });

  it("passes malformed numbers on as NaN for the app to refuse", () => {
    const form = { ...formFromFields(fields), priority: "high" };
    expect(fieldsFromForm(form).priority).toBeNaN();
  });

  it("trims fact keys but keeps titles as typed", () => {
    const form = formFromFields(fields);
    form.title = "  spaced  ";
    form.preconditions[0].key = " warehouse.open ";
    const out = fieldsFromForm(form);
    expect(out.title).toBe("  spaced  ");
    expect(out.preconditions[0].key).toBe("warehouse.open");
  });
});

describe("errors beside fields", () => {
  it("matches a plain field exactly", () => {
    expect(errorFor(error("title", "must not be empty"), "title")).toBe("must not be empty");
    expect(errorFor(error("title"), "priority")).toBeUndefined();
    expect(errorFor(null, "title")).toBeUndefined();
  });

  it("matches a row and names its cell", () => {
    const e = error("metrics[1].target");
    expect(rowError(e, "metrics", 1)).toBe("bad");
    expect(rowError(e, "metrics", 0)).toBeUndefined();
    expect(rowError(e, "metrics", 10)).toBeUndefined();
    expect(rowErrorCell(e, "metrics", 1)).toBe("target");
    expect(rowError(error("preconditions[0]"), "preconditions", 0)).toBe("bad");
    expect(rowError(error("preconditions[0]"), "postconditions", 0)).toBeUndefined();
  });

  it("knows which errors have a place in the form", () => {
    expect(isFieldError(error("priority"))).toBe(true);
    expect(isFieldError(error("effects[2]"))).toBe(true);
    expect(isFieldError(error("key"))).toBe(false);
    expect(isFieldError(error(null))).toBe(false);
  });
});
