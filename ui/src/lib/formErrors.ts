// Which error belongs beside which field of a form: shared by the action, agent and
// task forms (the goal form keeps its own list in goalForm.ts).

import type { CommandError } from "../generated/CommandError";

/** Whether the error names one of `fields` (or an item of a list field: `requires[1].level`). */
export function namesAField(error: CommandError | null, fields: readonly string[]): boolean {
  const f = error?.field;
  return !!f && fields.some((name) => f === name || f.startsWith(`${name}[`));
}

