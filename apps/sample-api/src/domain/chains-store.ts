import type { DataAccess } from "../storage/data-access.js";
import type { Priority } from "./tasks-store.js";

export interface ChainStepDefinition {
  type: string;
  priority: Priority;
  payload?: unknown;
  maxAttempts?: number | undefined;
}

export type ChainStatus = "running" | "completed" | "failed";

export interface Chain {
  id: string;
  name: string | null;
  status: ChainStatus;
  steps: ChainStepDefinition[];
  currentStep: number;
  createdAt: number;
  finishedAt: number | null;
}

interface ChainRow {
  id: string;
  name: string | null;
  status: ChainStatus;
  steps: string;
  current_step: number;
  created_at: number;
  finished_at: number | null;
}

export function createChainsStore(data: DataAccess) {
  const insert = data.query(
    "chains",
    "INSERT INTO chains (id, name, status, steps, current_step, created_at) VALUES (?, ?, 'running', ?, 0, ?)",
  );
  const selectOne = data.query<ChainRow>("chains", "SELECT * FROM chains WHERE id = ?");
  const selectMany = data.query<ChainRow>(
    "chains",
    "SELECT * FROM chains WHERE (@status IS NULL OR status = @status) ORDER BY created_at DESC, rowid DESC LIMIT @limit",
  );
  const advance = data.query("chains", "UPDATE chains SET current_step = ? WHERE id = ? AND status = 'running'");
  const finish = data.query(
    "chains",
    "UPDATE chains SET status = ?, finished_at = ? WHERE id = ? AND status = 'running'",
  );
  const running = data.query<{ n: number }>("chains", "SELECT count(*) AS n FROM chains WHERE status = 'running'");

  return {
    insert(chain: Chain): void {
      insert.run(chain.id, chain.name, JSON.stringify(chain.steps), chain.createdAt);
    },
    get(id: string): Chain | undefined {
      const row = selectOne.get(id);
      return row && toChain(row);
    },
    list(status: ChainStatus | undefined, limit: number): Chain[] {
      return selectMany.all({ status: status ?? null, limit }).map(toChain);
    },
    advance(id: string, step: number): boolean {
      return advance.run(step, id).changes === 1;
    },
    finish(id: string, status: Exclude<ChainStatus, "running">, at: number): boolean {
      return finish.run(status, at, id).changes === 1;
    },
    running(): number {
      return running.get()?.n ?? 0;
    },
  };
}

export type ChainsStore = ReturnType<typeof createChainsStore>;

function toChain(row: ChainRow): Chain {
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    steps: JSON.parse(row.steps) as ChainStepDefinition[],
    currentStep: row.current_step,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
  };
}
