import { describe, expect, it } from "vitest";
import { templateFromMatch } from "./route-template.js";

describe("templateFromMatch (Express 4 mount paths)", () => {
  it("keeps a static path", () => {
    expect(templateFromMatch("/api/v1", [], {})).toBe("/api/v1");
  });

  it("puts each parameter's name back where its value stands", () => {
    expect(templateFromMatch("/agents/42/tasks", [{ name: "agentId" }], { agentId: "42" })).toBe(
      "/agents/:agentId/tasks",
    );
    expect(templateFromMatch("/orgs/a/a", ["org", "team"], { org: "a", team: "a" })).toBe("/orgs/:org/:team");
  });

  it("finds values that were percent-decoded", () => {
    expect(templateFromMatch("/files/a%20b", [{ name: "name" }], { name: "a b" })).toBe("/files/:name");
  });
});
