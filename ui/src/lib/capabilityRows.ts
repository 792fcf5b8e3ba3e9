// The capability chips of an agent (held) or an action (required): adding, changing the
// level, removing. Only list edits live here; whether a name or level is valid is the
// core's to say.

import type { CapabilityLevel } from "../generated/CapabilityLevel";

export const LEVELS = [1, 2, 3, 4, 5] as const;

export const LEVEL_NAMES: Record<number, string> = { 1: "novice", 2: "beginner", 3: "competent", 4: "proficient", 5: "expert" };

/** Adds `name` at `level`; a name already in the list gets the new level instead. */
export function addCapability(list: CapabilityLevel[], name: string, level: number): CapabilityLevel[] {
  const capability = name.trim();
  if (list.some((c) => c.capability === capability)) return setLevel(list, capability, level);
  return [...list, { capability, level }];
}

export function setLevel(list: CapabilityLevel[], capability: string, level: number): CapabilityLevel[] {
  return list.map((c) => (c.capability === capability ? { ...c, level } : c));
}

export function removeCapability(list: CapabilityLevel[], capability: string): CapabilityLevel[] {
  return list.filter((c) => c.capability !== capability);
}
