import { describe, expect, it } from "vitest";
import { BULK_REQUESTS, requestBulk, takeBulkRequest } from "./bulkRequests";

describe("bulk requests", () => {
  it("wait for a view that handles them, and are taken once", () => {
    requestBulk("tasks.select-all");
    expect(takeBulkRequest((id) => id === "goals.select-all")).toBeNull();
    expect(takeBulkRequest((id) => id === "tasks.select-all")).toBe("tasks.select-all");
    expect(takeBulkRequest(() => true)).toBeNull();
  });
  it("name a view for every request but clearing", () => {
    expect(BULK_REQUESTS.filter((r) => r.view === null).map((r) => r.id)).toEqual(["selection.clear"]);
  });
});
