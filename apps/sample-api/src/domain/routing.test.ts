import { describe, expect, it } from "vitest";
import type { LoadedAgent } from "./agents-store.js";
import { chooseAgent, eligibleAgents } from "./routing.js";

const agent = (
  id: string,
  assigned: number,
  capacity: number,
  trustScore: number,
  capabilities = ["work"],
): LoadedAgent => ({
  id,
  name: id,
  capabilities,
  capacity,
  assigned,
  trustScore,
  activeCount: 0,
  lastHeartbeatAt: 0,
  createdAt: 0,
});

describe("routing", () => {
  it("keeps agents that take the type (or *) and have room", () => {
    const agents = [
      agent("full", 2, 2, 1),
      agent("other", 0, 2, 1, ["index"]),
      agent("any", 0, 1, 1, ["*"]),
      agent("ok", 1, 2, 1),
    ];
    expect(eligibleAgents(agents, "work").map((candidate) => candidate.id)).toEqual(["any", "ok"]);
  });

  it("least_loaded compares the share of capacity in use, then trust", () => {
    const agents = [
      agent("half", 1, 2, 0.9),
      agent("third", 1, 3, 0.1),
      agent("idle-low", 0, 1, 0.2),
      agent("idle-high", 0, 1, 0.8),
    ];
    expect(chooseAgent(agents, "least_loaded")?.id).toBe("idle-high");
    expect(chooseAgent(agents.slice(0, 2), "least_loaded")?.id).toBe("third");
  });

  it("highest_trust picks the most trusted, then the less loaded; nothing to pick gives undefined", () => {
    const agents = [agent("busy", 3, 4, 0.9), agent("free", 0, 4, 0.9), agent("low", 0, 4, 0.5)];
    expect(chooseAgent(agents, "highest_trust")?.id).toBe("free");
    expect(chooseAgent([], "highest_trust")).toBeUndefined();
  });
});
