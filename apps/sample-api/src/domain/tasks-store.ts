import type { DataAccess } from "../storage/data-access.js";

export const PRIORITIES = ["low", "normal", "high", "critical"] as const;
export type Priority = (typeof PRIORITIES)[number];
export const ROUTING_STRATEGIES = ["least_loaded", "highest_trust"] as const;
export type RoutingStrategy = (typeof ROUTING_STRATEGIES)[number];
/** queued: waiting for an agent (or for its retry time); assigned: an agent runs it; dead: failed max_attempts times. */
export type TaskStatus = "queued" | "assigned" | "completed" | "dead";

export interface Task {
  id: string;
  type: string;
  priority: Priority;
  payload: unknown;
  status: TaskStatus;
  attempts: number;
  maxAttempts: number;
  routingStrategy: RoutingStrategy;
  agentId: string | null;
  chainId: string | null;
  chainStep: number | null;
  scheduleId: string | null;
  result: unknown;
  error: string | null;
  llm: unknown;
  notBefore: number;
  createdAt: number;
  assignedAt: number | null;
  finishedAt: number | null;
}

export interface TaskFilter {
  status?: TaskStatus | undefined;
  type?: string | undefined;
  agentId?: string | undefined;
  chainId?: string | undefined;
  limit: number;
}

interface TaskRow {
  id: string;
  type: string;
  priority: Priority;
  payload: string | null;
  status: TaskStatus;
  attempts: number;
  max_attempts: number;
  routing_strategy: RoutingStrategy;
  agent_id: string | null;
  chain_id: string | null;
  chain_step: number | null;
  schedule_id: string | null;
  result: string | null;
  error: string | null;
  llm: string | null;
  not_before: number;
  created_at: number;
  assigned_at: number | null;
  finished_at: number | null;
}

export function createTasksStore(data: DataAccess) {
  const insert = data.query(
    "tasks",
    `INSERT INTO tasks (id, type, priority, priority_rank, payload, status, attempts, max_attempts, routing_strategy,
       chain_id, chain_step, schedule_id, not_before, created_at)
     VALUES (@id, @type, @priority, @rank, @payload, 'queued', 0, @maxAttempts, @routingStrategy,
       @chainId, @chainStep, @scheduleId, @notBefore, @createdAt)`,
  );
  const selectOne = data.query<TaskRow>("tasks", "SELECT * FROM tasks WHERE id = ?");
  const selectMany = data.query<TaskRow>(
    "tasks",
    `SELECT * FROM tasks WHERE (@status IS NULL OR status = @status) AND (@type IS NULL OR type = @type)
       AND (@agentId IS NULL OR agent_id = @agentId) AND (@chainId IS NULL OR chain_id = @chainId)
     ORDER BY created_at DESC, rowid DESC LIMIT @limit`,
  );
  const selectDue = data.query<TaskRow>(
    "tasks",
    "SELECT * FROM tasks WHERE status = 'queued' AND not_before <= ? ORDER BY priority_rank DESC, created_at, rowid LIMIT ?",
  );
  const selectStranded = data.query<TaskRow>(
    "tasks",
    "SELECT t.* FROM tasks t JOIN agents a ON a.id = t.agent_id WHERE t.status = 'assigned' AND a.last_heartbeat_at < ?",
  );
  const selectByChain = data.query<TaskRow>("tasks", "SELECT * FROM tasks WHERE chain_id = ? ORDER BY chain_step");
  const queueDepth = data.query<{ priority: Priority; n: number }>(
    "tasks",
    "SELECT priority, count(*) AS n FROM tasks WHERE status = 'queued' GROUP BY priority",
  );
  const assign = data.query(
    "tasks",
    `UPDATE tasks SET status = 'assigned', agent_id = ?, routing_strategy = ?, attempts = attempts + 1, assigned_at = ?, llm = NULL
     WHERE id = ? AND status = 'queued'`,
  );
  const complete = data.query(
    "tasks",
    "UPDATE tasks SET status = 'completed', result = ?, error = NULL, finished_at = ? WHERE id = ? AND status = 'assigned' AND agent_id = ?",
  );
  const requeue = data.query(
    "tasks",
    "UPDATE tasks SET status = 'queued', agent_id = NULL, assigned_at = NULL, error = ?, not_before = ? WHERE id = ? AND status = 'assigned' AND attempts = ?",
  );
  const bury = data.query(
    "tasks",
    "UPDATE tasks SET status = 'dead', error = ?, finished_at = ? WHERE id = ? AND status = 'assigned' AND attempts = ?",
  );
  const setLlm = data.query("tasks", "UPDATE tasks SET llm = ? WHERE id = ? AND status = 'assigned' AND attempts = ?");

  return {
    insert(task: Task): void {
      insert.run({
        id: task.id,
        type: task.type,
        priority: task.priority,
        rank: PRIORITIES.indexOf(task.priority),
        payload: task.payload === undefined || task.payload === null ? null : JSON.stringify(task.payload),
        maxAttempts: task.maxAttempts,
        routingStrategy: task.routingStrategy,
        chainId: task.chainId,
        chainStep: task.chainStep,
        scheduleId: task.scheduleId,
        notBefore: task.notBefore,
        createdAt: task.createdAt,
      });
    },
    get(id: string): Task | undefined {
      const row = selectOne.get(id);
      return row && toTask(row);
    },
    list(filter: TaskFilter): Task[] {
      return selectMany
        .all({
          status: filter.status ?? null,
          type: filter.type ?? null,
          agentId: filter.agentId ?? null,
          chainId: filter.chainId ?? null,
          limit: filter.limit,
        })
        .map(toTask);
    },
    due(now: number, limit: number): Task[] {
      return selectDue.all(now, limit).map(toTask);
    },
    /** Assigned tasks whose agent was last heard from before `silentSince`. */
    stranded(silentSince: number): Task[] {
      return selectStranded.all(silentSince).map(toTask);
    },
    byChain(chainId: string): Task[] {
      return selectByChain.all(chainId).map(toTask);
    },
    queueDepth(): Map<Priority, number> {
      return new Map(queueDepth.all().map((row) => [row.priority, row.n]));
    },
    assign(id: string, agentId: string, strategy: RoutingStrategy, at: number): boolean {
      return assign.run(agentId, strategy, at, id).changes === 1;
    },
    complete(id: string, agentId: string, result: unknown, at: number): boolean {
      return complete.run(result === undefined ? null : JSON.stringify(result), at, id, agentId).changes === 1;
    },
    requeue(task: Task, error: string, notBefore: number): boolean {
      return requeue.run(error, notBefore, task.id, task.attempts).changes === 1;
    },
    bury(task: Task, error: string, at: number): boolean {
      return bury.run(error, at, task.id, task.attempts).changes === 1;
    },
    setLlm(task: Task, llm: unknown): boolean {
      return setLlm.run(JSON.stringify(llm), task.id, task.attempts).changes === 1;
    },
  };
}

export type TasksStore = ReturnType<typeof createTasksStore>;

function parse(text: string | null): unknown {
  return text === null ? null : JSON.parse(text);
}

function toTask(row: TaskRow): Task {
  return {
    id: row.id,
    type: row.type,
    priority: row.priority,
    payload: parse(row.payload),
    status: row.status,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    routingStrategy: row.routing_strategy,
    agentId: row.agent_id,
    chainId: row.chain_id,
    chainStep: row.chain_step,
    scheduleId: row.schedule_id,
    result: parse(row.result),
    error: row.error,
    llm: parse(row.llm),
    notBefore: row.not_before,
    createdAt: row.created_at,
    assignedAt: row.assigned_at,
    finishedAt: row.finished_at,
  };
}
