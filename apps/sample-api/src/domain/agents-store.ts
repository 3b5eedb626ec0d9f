import type { DataAccess } from "../storage/data-access.js";

export interface Agent {
  id: string;
  name: string;
  /** Task types the agent takes; "*" takes every type. */
  capabilities: string[];
  capacity: number;
  /** Tasks the agent said it is running, at its last heartbeat. */
  activeCount: number;
  trustScore: number;
  lastHeartbeatAt: number;
  createdAt: number;
}

/** An agent with the number of tasks this service has assigned to it and not seen finish. */
export interface LoadedAgent extends Agent {
  assigned: number;
}

interface AgentRow {
  id: string;
  name: string;
  capabilities: string;
  capacity: number;
  active_count: number;
  trust_score: number;
  last_heartbeat_at: number;
  created_at: number;
  assigned?: number;
}

const WITH_LOAD =
  "SELECT a.*, (SELECT count(*) FROM tasks t WHERE t.agent_id = a.id AND t.status = 'assigned') AS assigned FROM agents a";

export function createAgentsStore(data: DataAccess) {
  const insert = data.query(
    "agents",
    "INSERT INTO agents (id, name, capabilities, capacity, active_count, trust_score, last_heartbeat_at, created_at) VALUES (?, ?, ?, ?, 0, ?, ?, ?)",
  );
  const selectOne = data.query<AgentRow>("agents", "SELECT * FROM agents WHERE id = ?");
  const selectAll = data.query<AgentRow>("agents", `${WITH_LOAD} ORDER BY a.created_at, a.id LIMIT ?`);
  const selectActive = data.query<AgentRow>("agents", `${WITH_LOAD} WHERE a.last_heartbeat_at >= ?`);
  const assignedTo = data.query<{ n: number }>(
    "tasks",
    "SELECT count(*) AS n FROM tasks WHERE agent_id = ? AND status = 'assigned'",
  );
  const heartbeat = data.query(
    "agents",
    "UPDATE agents SET active_count = ?, trust_score = ?, last_heartbeat_at = ? WHERE id = ?",
  );
  const counts = data.query<{ registered: number; active: number }>(
    "agents",
    "SELECT count(*) AS registered, coalesce(sum(last_heartbeat_at >= ?), 0) AS active FROM agents",
  );

  return {
    insert(agent: Agent): void {
      insert.run(
        agent.id,
        agent.name,
        JSON.stringify(agent.capabilities),
        agent.capacity,
        agent.trustScore,
        agent.lastHeartbeatAt,
        agent.createdAt,
      );
    },
    get(id: string): Agent | undefined {
      const row = selectOne.get(id);
      return row && toAgent(row);
    },
    list(limit: number): LoadedAgent[] {
      return selectAll.all(limit).map(toLoadedAgent);
    },
    /** Agents heard from at or after `since` (ms), with their load. */
    active(since: number): LoadedAgent[] {
      return selectActive.all(since).map(toLoadedAgent);
    },
    assigned(id: string): number {
      return assignedTo.get(id)?.n ?? 0;
    },
    heartbeat(id: string, activeCount: number, trustScore: number, at: number): boolean {
      return heartbeat.run(activeCount, trustScore, at, id).changes === 1;
    },
    counts(activeSince: number): { registered: number; active: number } {
      return counts.get(activeSince) ?? { registered: 0, active: 0 };
    },
  };
}

export type AgentsStore = ReturnType<typeof createAgentsStore>;

function toAgent(row: AgentRow): Agent {
  return {
    id: row.id,
    name: row.name,
    capabilities: JSON.parse(row.capabilities) as string[],
    capacity: row.capacity,
    activeCount: row.active_count,
    trustScore: row.trust_score,
    lastHeartbeatAt: row.last_heartbeat_at,
    createdAt: row.created_at,
  };
}

function toLoadedAgent(row: AgentRow): LoadedAgent {
  return { ...toAgent(row), assigned: row.assigned ?? 0 };
}
