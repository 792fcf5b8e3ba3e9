import { describe, expect, it } from "vitest";
import { matchCommands } from "./commands";

const commands = [
  { id: "undo", label: "Undo" },
  { id: "go.broker", label: "Go to Broker" },
  { id: "import.pddl", label: "Import PDDL domain and problem…" },
  { id: "import.json", label: "Import JSON…" },
  { id: "export", label: "Export workspace or plan…" },
];

describe("matchCommands", () => {
  it("lists every command for an empty query", () => {
    expect(matchCommands(commands, "  ").map((c) => c.id)).toEqual(commands.map((c) => c.id));
  });
  it("keeps the commands holding every word, word starts first", () => {
    expect(matchCommands(commands, "import").map((c) => c.id)).toEqual(["import.pddl", "import.json"]);
    expect(matchCommands(commands, "pddl import").map((c) => c.id)).toEqual(["import.pddl"]);
    expect(matchCommands(commands, "BROK").map((c) => c.id)).toEqual(["go.broker"]);
    // "or" is a word of Export's label and only inside Import's.
    expect(matchCommands(commands, "or").map((c) => c.id)).toEqual(["export", "import.pddl", "import.json"]);
  });
  it("finds nothing that is not there", () => {
    expect(matchCommands(commands, "zebra")).toEqual([]);
  });
});
