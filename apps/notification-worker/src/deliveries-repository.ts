import type { Alert } from "@periscope/alerting/channels";
import type { Db } from "./database.js";

export type DeliveryState = "pending" | "in_flight" | "delivered" | "dead";
export const DELIVERY_STATES: readonly DeliveryState[] = ["pending", "in_flight", "delivered", "dead"];

/** One notification owed to one receiver: a row of the outbox. */
export interface Delivery {
  id: number;
  idempotencyKey: string;
  fingerprint: string;
  status: "firing" | "resolved";
  startsAt: string;
  receiver: string;
  alert: Alert;
  state: DeliveryState;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
  deliveredAt: string | null;
}

interface Row {
  id: number;
  idempotency_key: string;
  fingerprint: string;
  status: "firing" | "resolved";
  starts_at: string;
  receiver: string;
  alert_json: string;
  state: DeliveryState;
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  created_at: string;
  updated_at: string;
  delivered_at: string | null;
}

const fromRow = (row: Row): Delivery => ({
  id: row.id,
  idempotencyKey: row.idempotency_key,
  fingerprint: row.fingerprint,
  status: row.status,
  startsAt: row.starts_at,
  receiver: row.receiver,
  alert: JSON.parse(row.alert_json) as Alert,
  state: row.state,
  attempts: row.attempts,
  nextAttemptAt: new Date(row.next_attempt_at).toISOString(),
  lastError: row.last_error,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  deliveredAt: row.delivered_at,
});

/** `${fingerprint}:${status}:${startsAt}:${receiver}`: one notification per alert episode, status and receiver. */
export function idempotencyKey(alert: Alert, receiver: string): string {
  const status = alert.state === "resolved" ? "resolved" : "firing";
  return `${alert.fingerprint}:${status}:${alert.startsAt}:${receiver}`;
}

export function createDeliveriesRepository(db: Db) {
  const insert = db.prepare(
    `INSERT INTO deliveries (idempotency_key, fingerprint, status, starts_at, receiver, alert_json, state, attempts, next_attempt_at, created_at, updated_at)
     VALUES (@key, @fingerprint, @status, @startsAt, @receiver, @alert, 'pending', 0, @dueAt, @now, @now)
     ON CONFLICT (idempotency_key) DO NOTHING`,
  );
  const claim = db.prepare<[string, number, number], Row>(
    `UPDATE deliveries SET state = 'in_flight', updated_at = ?
     WHERE id IN (SELECT id FROM deliveries WHERE state = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?)
     RETURNING *`,
  );
  const finish = db.prepare(
    `UPDATE deliveries SET state = @state, attempts = @attempts, next_attempt_at = @nextAttemptAt,
       last_error = @lastError, updated_at = @now, delivered_at = @deliveredAt WHERE id = @id`,
  );
  const release = db.prepare(
    "UPDATE deliveries SET state = 'pending', updated_at = ? WHERE id = ? AND state = 'in_flight'",
  );
  const reclaim = db.prepare("UPDATE deliveries SET state = 'pending', updated_at = ? WHERE state = 'in_flight'");
  const receiversOf = db.prepare<[string, string], { receiver: string }>(
    "SELECT DISTINCT receiver FROM deliveries WHERE fingerprint = ? AND status = 'firing' AND starts_at = ?",
  );
  const counts = db.prepare<[], { state: DeliveryState; count: number }>(
    "SELECT state, COUNT(*) AS count FROM deliveries GROUP BY state",
  );
  const finishByKey = db.prepare(
    `UPDATE deliveries SET state = @state, attempts = @attempts, last_error = @lastError, updated_at = @now,
       delivered_at = @deliveredAt WHERE idempotency_key = @key AND state = 'in_flight'`,
  );
  const get = db.prepare<[number], Row>("SELECT * FROM deliveries WHERE id = ?");
  const revive = db.prepare(
    `UPDATE deliveries SET state = 'pending', attempts = 0, next_attempt_at = @due, updated_at = @now, delivered_at = NULL
     WHERE id = @id AND state = 'dead'`,
  );
  return {
    /** Queues a notification of `alert` (in its current state) to `receiver`; false when its key was already queued. */
    enqueue(alert: Alert, receiver: string, now: Date): boolean {
      const result = insert.run({
        key: idempotencyKey(alert, receiver),
        fingerprint: alert.fingerprint,
        status: alert.state === "resolved" ? "resolved" : "firing",
        startsAt: alert.startsAt,
        receiver,
        alert: JSON.stringify(alert),
        dueAt: now.getTime(),
        now: now.toISOString(),
      });
      return result.changes === 1;
    },
    /** Marks up to `limit` due pending rows in_flight and returns them (one statement: no two loops take one row). */
    claimDue: (now: Date, limit: number): Delivery[] => claim.all(now.toISOString(), now.getTime(), limit).map(fromRow),
    markDelivered(id: number, attempts: number, now: Date): void {
      finish.run({
        id,
        state: "delivered",
        attempts,
        nextAttemptAt: now.getTime(),
        lastError: null,
        now: now.toISOString(),
        deliveredAt: now.toISOString(),
      });
    },
    reschedule(id: number, attempts: number, at: Date, error: string, now: Date): void {
      finish.run({
        id,
        state: "pending",
        attempts,
        nextAttemptAt: at.getTime(),
        lastError: error,
        now: now.toISOString(),
        deliveredAt: null,
      });
    },
    markDead(id: number, attempts: number, error: string, now: Date): void {
      finish.run({
        id,
        state: "dead",
        attempts,
        nextAttemptAt: now.getTime(),
        lastError: error,
        now: now.toISOString(),
        deliveredAt: null,
      });
    },
    /**
     * Records the outcome of a row handed to a shared queue (BullMQ), found by its key; only while it is
     * in_flight, so a late or repeated event changes nothing. False when no such row is waiting here.
     */
    finishByKey(key: string, outcome: { state: "delivered" | "dead"; attempts: number; error?: string }, now: Date) {
      const result = finishByKey.run({
        key,
        state: outcome.state,
        attempts: outcome.attempts,
        lastError: outcome.error ?? null,
        now: now.toISOString(),
        deliveredAt: outcome.state === "delivered" ? now.toISOString() : null,
      });
      return result.changes === 1;
    },
    /** Puts an interrupted in_flight row back without counting an attempt (shutdown aborted it). */
    release: (id: number, now: Date): void => void release.run(now.toISOString(), id),
    /** After a crash: every row left in_flight is pending again (at-least-once). Returns how many. */
    reclaimInFlight: (now: Date): number => reclaim.run(now.toISOString()).changes,
    /** Receivers told this alert episode was firing: they, and only they, hear of its resolution. */
    firingReceivers: (fingerprint: string, startsAt: string): string[] =>
      receiversOf.all(fingerprint, startsAt).map((row) => row.receiver),
    /** A dead letter goes back to pending, due now, with a fresh count of attempts; false unless it was dead. */
    retryDead: (id: number, now: Date): boolean =>
      revive.run({ id, due: now.getTime(), now: now.toISOString() }).changes === 1,
    get: (id: number): Delivery | undefined => {
      const row = get.get(id);
      return row ? fromRow(row) : undefined;
    },
    list(filter: { state?: DeliveryState; fingerprint?: string; limit?: number }): Delivery[] {
      const where: string[] = [];
      const values: (string | number)[] = [];
      if (filter.state) {
        where.push("state = ?");
        values.push(filter.state);
      }
      if (filter.fingerprint) {
        where.push("fingerprint = ?");
        values.push(filter.fingerprint);
      }
      const clause = where.length > 0 ? `WHERE ${where.join(" AND ")}` : "";
      const sql = `SELECT * FROM deliveries ${clause} ORDER BY id DESC LIMIT ?`;
      return db
        .prepare<(string | number)[], Row>(sql)
        .all(...values, filter.limit ?? 100)
        .map(fromRow);
    },
    countByState(): Record<DeliveryState, number> {
      const out: Record<DeliveryState, number> = { pending: 0, in_flight: 0, delivered: 0, dead: 0 };
      for (const row of counts.all()) out[row.state] = row.count;
      return out;
    },
  };
}

export type DeliveriesRepository = ReturnType<typeof createDeliveriesRepository>;
