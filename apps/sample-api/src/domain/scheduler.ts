import { randomUUID } from "node:crypto";
import { traced } from "@periscope/tracing";
import { nextCronRun, parseCron } from "./cron.js";
import type { DomainMetrics } from "./domain-metrics.js";
import { DomainError, notFound } from "./errors.js";
import type { RunResult, Schedule, SchedulesStore } from "./schedules-store.js";
import type { TaskService } from "./task-service.js";
import type { Priority } from "./tasks-store.js";

export interface NewSchedule {
  name: string;
  taskType: string;
  priority: Priority;
  payload?: unknown;
  intervalSeconds?: number | undefined;
  cron?: string | undefined;
}

export interface SchedulerOptions {
  store: SchedulesStore;
  tasks: TaskService;
  metrics: DomainMetrics;
  now: () => number;
  onError: (error: unknown) => void;
  /** Runs the due-schedule poll with its query span unrecorded (DataAccess.quietly). */
  quietly: <T>(fn: () => T) => T;
}

/** The next due time after `after`; for intervals, also how many due times were missed in between. */
export function nextRun(schedule: Pick<Schedule, "intervalSeconds" | "cron" | "nextRunAt">, after: number) {
  if (schedule.cron !== null) {
    return { at: nextCronRun(parseCron(schedule.cron), after) ?? Number.MAX_SAFE_INTEGER, missed: 0 };
  }
  const interval = (schedule.intervalSeconds as number) * 1000;
  const missed = Math.max(0, Math.floor((after - schedule.nextRunAt) / interval));
  return { at: schedule.nextRunAt + (missed + 1) * interval, missed };
}

/** Creates a task each time a schedule (interval or cron) is due, and records the run. */
export function createScheduler({ store, tasks, metrics, now, onError, quietly }: SchedulerOptions) {
  function publish(schedule: Schedule) {
    const labels = { schedule: schedule.name };
    if (schedule.lastRunAt !== null) metrics.schedules.lastRun.set(labels, schedule.lastRunAt / 1000);
    metrics.schedules.nextRun.set(labels, schedule.nextRunAt / 1000);
  }

  function run(schedule: Schedule) {
    traced(
      "schedule.run",
      (span) => {
        const at = now();
        let result: RunResult = "success";
        try {
          const task = tasks.create({
            type: schedule.taskType,
            priority: schedule.priority,
            payload: schedule.payload,
            scheduleId: schedule.id,
          });
          span.setAttributes({ "task.id": task.id, "task.type": task.type });
        } catch (error) {
          result = "failure";
          onError(error);
        }
        const next = nextRun(schedule, at);
        store.recordRun(schedule.id, at, result, next.at);
        metrics.schedules.runs.inc({ schedule: schedule.name, result });
        if (next.missed > 0) metrics.schedules.runs.inc({ schedule: schedule.name, result: "skipped" }, next.missed);
        span.setAttributes({ "schedule.result": result, "schedule.missed": next.missed });
        publish({ ...schedule, lastRunAt: at, nextRunAt: next.at });
      },
      { attributes: { "schedule.id": schedule.id, "schedule.name": schedule.name } },
    );
  }

  return {
    create(input: NewSchedule): Schedule {
      if (store.getByName(input.name)) {
        throw new DomainError(409, `a schedule named ${input.name} exists already`, "name");
      }
      const at = now();
      const intervalSeconds = input.intervalSeconds ?? null;
      const cron = input.cron ?? null;
      const schedule: Schedule = {
        id: randomUUID(),
        name: input.name,
        taskType: input.taskType,
        priority: input.priority,
        payload: input.payload ?? null,
        intervalSeconds,
        cron,
        enabled: true,
        nextRunAt: nextRun({ intervalSeconds, cron, nextRunAt: at }, at).at,
        lastRunAt: null,
        lastResult: null,
        runs: 0,
        createdAt: at,
      };
      store.insert(schedule);
      publish(schedule);
      return schedule;
    },
    get(id: string): Schedule {
      const schedule = store.get(id);
      if (!schedule) throw notFound("schedule", id);
      return schedule;
    },
    list(limit: number): Schedule[] {
      return store.list(limit);
    },
    remove(id: string): void {
      const schedule = store.get(id);
      if (!schedule || !store.remove(id)) throw notFound("schedule", id);
      metrics.schedules.nextRun.remove({ schedule: schedule.name });
      metrics.schedules.lastRun.remove({ schedule: schedule.name });
    },
    /** Runs every schedule that is due now. */
    tick(): number {
      const due = quietly(() => store.due(now()));
      for (const schedule of due) run(schedule);
      return due.length;
    },
    /** Publishes next/last run gauges of the stored schedules (after a restart). */
    publishAll(): void {
      for (const schedule of store.list(10_000)) publish(schedule);
    },
    enabledCount(): number {
      return store.enabledCount();
    },
  };
}

export type Scheduler = ReturnType<typeof createScheduler>;
