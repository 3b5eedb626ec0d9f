import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createAlert } from "@periscope/alerting/channels";
import { afterEach, describe, expect, it } from "vitest";
import { type Db, openDatabase } from "./database.js";
import { createDeliveriesRepository, idempotencyKey } from "./deliveries-repository.js";

const open: Db[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

function repository() {
  const db = openDatabase(mkdtempSync(join(tmpdir(), "deliveries-")));
  open.push(db);
  return createDeliveriesRepository(db);
}

const now = new Date("2026-01-01T00:00:00Z");
const alert = createAlert({ labels: { alertname: "A" }, startsAt: now }, now);

describe("deliveries repository", () => {
  it("queues one row per idempotency key", () => {
    const deliveries = repository();
    expect(idempotencyKey(alert, "slack")).toBe(`${alert.fingerprint}:firing:2026-01-01T00:00:00.000Z:slack`);
    expect(deliveries.enqueue(alert, "slack", now)).toBe(true);
    expect(deliveries.enqueue(alert, "slack", now)).toBe(false);
    expect(deliveries.enqueue({ ...alert, state: "resolved" }, "slack", now)).toBe(true);
    expect(deliveries.countByState()).toEqual({ pending: 2, in_flight: 0, delivered: 0, dead: 0 });
  });

  it("claims due rows once, honours next_attempt_at, and reclaims in_flight rows after a crash", () => {
    const deliveries = repository();
    deliveries.enqueue(alert, "a", now);
    deliveries.enqueue(alert, "b", now);
    const [first] = deliveries.claimDue(now, 1);
    expect(first?.receiver).toBe("a");
    expect(deliveries.claimDue(now, 10).map((row) => row.receiver)).toEqual(["b"]);
    expect(deliveries.claimDue(now, 10)).toEqual([]);
    deliveries.reschedule(first?.id ?? 0, 1, new Date(now.getTime() + 1000), "HTTP 500", now);
    expect(deliveries.claimDue(now, 10)).toEqual([]);
    expect(deliveries.claimDue(new Date(now.getTime() + 1000), 10)).toMatchObject([{ receiver: "a", attempts: 1 }]);
    expect(deliveries.reclaimInFlight(now)).toBe(2);
    expect(deliveries.countByState().pending).toBe(2);
  });

  it("settles an in_flight row by its key once (a shared queue's outcome), and ignores rows not in flight", () => {
    const deliveries = repository();
    deliveries.enqueue(alert, "slack", now);
    const key = idempotencyKey(alert, "slack");
    expect(deliveries.finishByKey(key, { state: "delivered", attempts: 2 }, now)).toBe(false);
    const [claimed] = deliveries.claimDue(now, 10);
    expect(deliveries.finishByKey(key, { state: "delivered", attempts: 2 }, now)).toBe(true);
    expect(deliveries.finishByKey(key, { state: "dead", attempts: 3, error: "late" }, now)).toBe(false);
    expect(deliveries.get(claimed?.id ?? -1)).toMatchObject({ state: "delivered", attempts: 2, lastError: null });
  });
});
