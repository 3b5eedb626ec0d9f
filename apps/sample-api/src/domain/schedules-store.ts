import type { DataAccess } from "../storage/data-access.js";
import type { Priority } from "./tasks-store.js";

export type RunResult = "success" | "failure" | "skipped";

export interface Schedule {
  id: string;
  name: string;
  taskType: string;
  priority: Priority;
  payload: unknown;
  intervalSeconds: number | null;
  cron: string | null;
  enabled: boolean;
  nextRunAt: number;
  lastRunAt: number | null;
  lastResult: RunResult | null;
  runs: number;
  createdAt: number;
}

interface ScheduleRow {
  id: string;
  name: string;
  task_type: string;
  priority: Priority;
  payload: string | null;
  interval_seconds: number | null;
  cron: string | null;
  enabled: number;
  next_run_at: number;
  last_run_at: number | null;
  last_result: RunResult | null;
  runs: number;
  created_at: number;
}

export function createSchedulesStore(data: DataAccess) {
  const insert = data.query(
    "schedules",
    `INSERT INTO schedules (id, name, task_type, priority, payload, interval_seconds, cron, enabled, next_run_at, created_at)
     VALUES (@id, @name, @taskType, @priority, @payload, @intervalSeconds, @cron, @enabled, @nextRunAt, @createdAt)`,
  );
  const selectOne = data.query<ScheduleRow>("schedules", "SELECT * FROM schedules WHERE id = ?");
  const selectByName = data.query<ScheduleRow>("schedules", "SELECT * FROM schedules WHERE name = ?");
  const selectAll = data.query<ScheduleRow>("schedules", "SELECT * FROM schedules ORDER BY created_at, rowid LIMIT ?");
  const selectDue = data.query<ScheduleRow>(
    "schedules",
    "SELECT * FROM schedules WHERE enabled = 1 AND next_run_at <= ? ORDER BY next_run_at",
  );
  const recordRun = data.query(
    "schedules",
    "UPDATE schedules SET last_run_at = ?, last_result = ?, next_run_at = ?, runs = runs + 1 WHERE id = ?",
  );
  const remove = data.query("schedules", "DELETE FROM schedules WHERE id = ?");
  const enabledCount = data.query<{ n: number }>("schedules", "SELECT count(*) AS n FROM schedules WHERE enabled = 1");

  return {
    insert(schedule: Schedule): void {
      insert.run({
        id: schedule.id,
        name: schedule.name,
        taskType: schedule.taskType,
        priority: schedule.priority,
        payload: schedule.payload === undefined || schedule.payload === null ? null : JSON.stringify(schedule.payload),
        intervalSeconds: schedule.intervalSeconds,
        cron: schedule.cron,
        enabled: schedule.enabled ? 1 : 0,
        nextRunAt: schedule.nextRunAt,
        createdAt: schedule.createdAt,
      });
    },
    get(id: string): Schedule | undefined {
      const row = selectOne.get(id);
      return row && toSchedule(row);
    },
    getByName(name: string): Schedule | undefined {
      const row = selectByName.get(name);
      return row && toSchedule(row);
    },
    list(limit: number): Schedule[] {
      return selectAll.all(limit).map(toSchedule);
    },
    due(now: number): Schedule[] {
      return selectDue.all(now).map(toSchedule);
    },
    recordRun(id: string, at: number, result: RunResult, nextRunAt: number): void {
      recordRun.run(at, result, nextRunAt, id);
    },
    remove(id: string): boolean {
      return remove.run(id).changes === 1;
    },
    enabledCount(): number {
      return enabledCount.get()?.n ?? 0;
    },
  };
}

export type SchedulesStore = ReturnType<typeof createSchedulesStore>;

function toSchedule(row: ScheduleRow): Schedule {
  return {
    id: row.id,
    name: row.name,
    taskType: row.task_type,
    priority: row.priority,
    payload: row.payload === null ? null : JSON.parse(row.payload),
    intervalSeconds: row.interval_seconds,
    cron: row.cron,
    enabled: row.enabled === 1,
    nextRunAt: row.next_run_at,
    lastRunAt: row.last_run_at,
    lastResult: row.last_result,
    runs: row.runs,
    createdAt: row.created_at,
  };
}
