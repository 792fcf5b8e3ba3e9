import { describe, expect, it } from "vitest";
import type { Changed } from "../generated/Changed";
import { externalChangeNotice } from "./liveNotice";

const change = (entity: Changed["entity"], key: string, kind: string, author: string): Changed => ({ entity, key, kind, author });

describe("externalChangeNotice", () => {
  it("names the author, the row and what happened", () => {
    expect(externalChangeNotice([change("goal", "G-9", "created", "cli:bob")])).toBe("Changed elsewhere — cli:bob: goal G-9 created");
  });

  it("counts further changes per author, in log order", () => {
    const notice = externalChangeNotice([
      change("task", "T-1", "status_changed", "AG-1"),
      change("goal", "G-2", "updated", "cli:bob"),
      change("task", "T-2", "status_changed", "AG-1"),
      change("task", "T-3", "status_changed", "AG-1"),
    ]);
    expect(notice).toBe("Changed elsewhere — AG-1: task T-1 status changed and 2 more changes; cli:bob: goal G-2 updated");
  });

  it("says so when the log held more than one notice carries", () => {
    expect(externalChangeNotice([change("goal", "G-1", "created", "cli:bob"), change("workspace", "", "many", "")])).toBe(
      "Changed elsewhere — cli:bob: goal G-1 created (and more)",
    );
    expect(externalChangeNotice([change("workspace", "", "many", "")])).toBe("Changed by another writer: many changes");
  });
});
