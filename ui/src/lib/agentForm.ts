// The agent form: every field as the text being typed, and the conversion to and from
// the core's AgentFields. The core validates; this only reads.

import type { AgentFields } from "../generated/AgentFields";
import type { CapabilityLevel } from "../generated/CapabilityLevel";
import { parseNumber } from "./values";

export type AgentForm = {
  name: string;
  experience: string;
  capacity: string;
  active: boolean;
  capabilities: CapabilityLevel[];
};

export const AGENT_FIELDS = ["name", "experience", "capacity", "active", "capabilities"] as const;

export function agentForm(f: AgentFields): AgentForm {
  return {
    name: f.name,
    experience: String(f.experience ?? 0),
    capacity: String(f.capacity),
    active: f.active ?? true,
    capabilities: f.capabilities ?? [],
  };
}

export function agentFields(form: AgentForm): AgentFields {
  return {
    name: form.name,
    experience: parseNumber(form.experience),
    capacity: parseNumber(form.capacity),
    active: form.active,
    capabilities: form.capabilities,
  };
}
