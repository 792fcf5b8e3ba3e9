// Fact values as people type them in a row: `true`, `21`, `2.5`, `eu`, `"21"` (a text
// that looks like a number), and lists for `in` / `not in`: `eu, us, "a, b"`.
// Only the reading and writing of text lives here; whether a condition makes sense is
// the core's to say.

import type { Op } from "../generated/Op";
import type { Operand } from "../generated/Operand";
import type { Value } from "../generated/Value";

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** Reads one value: a bool, a number, a "quoted text", or else the text as typed. */
export function parseValue(text: string): Value {
  const t = text.trim();
  if (t === "true") return true;
  if (t === "false") return false;
  if (NUMBER.test(t)) return Number(t);
  if (t.length >= 2 && t.startsWith('"') && t.endsWith('"')) {
    try {
      return JSON.parse(t) as string;
    } catch {
      return t.slice(1, -1);
    }
  }
  return t;
}

/** Writes a value so that parseValue reads it back the same. */
export function formatValue(value: Value, inList = false): string {
  if (typeof value !== "string") return String(value);
  const needsQuotes = parseValue(value) !== value || value === "" || (inList && value.includes(","));
  return needsQuotes ? JSON.stringify(value) : value;
}

/** Splits a list on commas outside double quotes. */
export function splitList(text: string): string[] {
  const items: string[] = [];
  let current = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\\" && quoted && i + 1 < text.length) {
      current += c + text[++i];
    } else if (c === '"') {
      quoted = !quoted;
      current += c;
    } else if (c === "," && !quoted) {
      items.push(current);
      current = "";
    } else {
      current += c;
    }
  }
  items.push(current);
  return items.map((s) => s.trim()).filter((s, _i, all) => s !== "" || all.length > 1);
}

export function isListOp(op: Op): boolean {
  return op === "in" || op === "not_in";
}

/** The operand of a condition row: a list for `in` / `not in`, one value otherwise. */
export function parseOperand(op: Op, text: string): Operand {
  if (isListOp(op)) return text.trim() === "" ? [] : splitList(text).map(parseValue);
  return parseValue(text);
}

export function formatOperand(operand: Operand): string {
  return Array.isArray(operand) ? operand.map((v) => formatValue(v, true)).join(", ") : formatValue(operand);
}

/** Reads a number field; blank or malformed text gives NaN, which the app refuses with the field named. */
export function parseNumber(text: string): number {
  return text.trim() === "" ? NaN : Number(text.trim());
}

export const OPS: { op: Op; label: string }[] = [
  { op: "eq", label: "=" },
  { op: "ne", label: "≠" },
  { op: "lt", label: "<" },
  { op: "le", label: "≤" },
  { op: "gt", label: ">" },
  { op: "ge", label: "≥" },
  { op: "in", label: "in" },
  { op: "not_in", label: "not in" },
];
