import { describe, expect, it } from "vitest";
import type { PlanFields } from "../generated/PlanFields";
import { isPlanFieldError, planFieldsFromForm, planFormFromFields } from "./planForm";

const fields: PlanFields = {
  title: "Launch",
  priority: 8,
  budget: 1200.5,
  deadline: "2027-03-31T17:00:00Z",
  preconditions: [{ key: "budget.approved", op: "eq", value: true }],
  postconditions: [{ key: "store.live", op: "eq", value: true }],
  constraints: [{ key: "region", op: "in", value: ["eu", "us"] }],
};

describe("plan form", () => {
  it("round-trips every field through the form", () => {
    expect(planFieldsFromForm(planFormFromFields(fields))).toStrictEqual(fields);
  });

  it("reads an empty budget and deadline as none", () => {
    const form = { ...planFormFromFields(fields), budget: " ", deadline: "" };
    expect(planFieldsFromForm(form)).toMatchObject({ budget: null, deadline: null });
  });

  it("passes a budget that is not a number to the core as typed", () => {
    const form = { ...planFormFromFields(fields), budget: "lots" };
    expect(planFieldsFromForm(form).budget).toBe("lots");
  });

  it("knows which errors sit beside a field", () => {
    const error = (field: string | null) => ({ code: "invalid", message: "bad", entity: "plan" as const, key: "P-1", field });
    expect(isPlanFieldError(error("budget"))).toBe(true);
    expect(isPlanFieldError(error("constraints[0].value"))).toBe(true);
    expect(isPlanFieldError(error(null))).toBe(false);
    expect(isPlanFieldError(error("steps"))).toBe(false);
  });
});
