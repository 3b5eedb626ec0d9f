import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { payload } from "../../apps/notification-worker/test/payloads.js";
import { recordResult } from "./results.js";
import { faultsMode } from "./support/mode.js";
import { type AppName, spawnApp, type WrappedOptions } from "./support/wrapped-app.js";

// A full disk is simulated with RLIMIT_FSIZE (prlimit, SIGXFSZ ignored): a write past the limit fails with
// EFBIG, which SQLite reports as an I/O error, exactly where a full disk would fail it. No root, no mounts.
const mode = faultsMode();
const directories: string[] = [];
afterAll(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});
function temporaryDirectory(): string {
  const directory = mkdtempSync(join(tmpdir(), "faults-disk-"));
  chmodSync(directory, 0o755);
  directories.push(directory);
  return directory;
}

const APPS: { app: AppName; file: string }[] = [
  { app: "sample-api", file: "sample-api.db" },
  { app: "notification-worker", file: "worker.db" },
];
const workerEnvironment = { WORKER_CONFIG: "" }; // the built-in default config: receivers log, nothing sent out
/** Root writes through any mode bits, so as root the app runs as nobody to meet a folder it may not write. */
const asUnprivileged: WrappedOptions = process.getuid?.() === 0 ? { user: { uid: 65534, gid: 65534 } } : {};

async function refusedStart(app: AppName, dataDir: string, options: WrappedOptions) {
  const started = spawnApp(app, { DATA_DIR: dataDir, ...workerEnvironment }, options);
  const code = await Promise.race([
    started.exited,
    new Promise<"still running">((resolve) => setTimeout(() => resolve("still running"), 20_000).unref()),
  ]);
  return { code, output: started.output() };
}

describe("disk full or unwritable data folder (both apps as real processes)", () => {
  for (const { app, file } of APPS) {
    it(`${app} refuses to start, naming the folder, when DATA_DIR is not writable or the disk is full`, async () => {
      const readOnly = join(temporaryDirectory(), "read-only");
      mkdirSync(readOnly, { mode: 0o555 });
      chmodSync(readOnly, 0o555);
      const unwritable = await refusedStart(app, readOnly, asUnprivileged);
      expect(unwritable.code, unwritable.output).toBe(1);
      expect(unwritable.output).toContain(readOnly);
      expect(unwritable.output).toMatch(/cannot start/);
      expect(readdirSync(readOnly)).toEqual([]);

      const full = join(temporaryDirectory(), "full");
      const noRoom = await refusedStart(app, full, { maxFileBytes: 0 });
      expect(noRoom.code, noRoom.output).toBe(1);
      expect(noRoom.output).toContain(full);
      expect(noRoom.output).toMatch(/cannot start/);
      recordResult({
        area: "Faults survived",
        scenario: `${app}: unwritable DATA_DIR, or a full disk at start`,
        tried: `start with DATA_DIR read-only (mode 0555${asUnprivileged.user ? ", run as nobody" : ""}), then on a disk with no room (RLIMIT_FSIZE 0)`,
        count: 2,
        result: `refused both times: exit ${unwritable.code} and ${noRoom.code}, the message names the folder; no ${file} left in the read-only one`,
      });
    }, 60_000);
  }

  it("sample-api answers 503 with a reason once the disk fills mid-run, and stores no half-written task", async () => {
    const dataDir = temporaryDirectory();
    const limit = mode.pick(1024, 8192) * 1024;
    const started = spawnApp("sample-api", { DATA_DIR: dataDir }, { maxFileBytes: limit });
    const url = await started.listening;
    const statuses: number[] = [];
    const reasons: string[] = [];
    let refused = 0;
    while (refused < 5 && statuses.length < 20_000) {
      const response = await fetch(`${url}/api/v1/tasks`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ type: "convert", payload: { note: "x".repeat(200) } }),
      });
      statuses.push(response.status);
      const body = (await response.json()) as { error?: string };
      if (response.status !== 201) {
        refused++;
        reasons.push(body.error ?? "");
      }
    }
    const created = statuses.filter((status) => status === 201).length;
    expect(created).toBeGreaterThan(0);
    expect(statuses.slice(created)).toEqual(Array(5).fill(503));
    for (const reason of reasons) expect(reason).toMatch(/^storage unavailable, nothing was written \(SQLITE_/);
    expect((await fetch(`${url}/api/v1/tasks`)).status).toBe(200);
    expect(started.child.exitCode).toBeNull();
    started.child.kill("SIGKILL");
    await started.exited;

    const db = new Database(join(dataDir, "sample-api.db"));
    const integrity = db.pragma("integrity_check", { simple: true });
    const stored = (db.prepare("SELECT COUNT(*) AS count FROM tasks").get() as { count: number }).count;
    db.close();
    expect(integrity).toBe("ok");
    expect(stored).toBe(created);
    recordResult({
      area: "Faults survived",
      scenario: "sample-api: disk fills mid-run",
      tried: `POST /api/v1/tasks until the disk was full (RLIMIT_FSIZE ${limit / 1024} KiB), then 5 more`,
      count: statuses.length,
      result: `${created} created (201), then ${refused} refused with 503 and the reason (${reasons[0]?.match(/SQLITE_\w+/)?.[0]}); reads still served; after a kill: integrity_check ok, ${stored} tasks stored = ${created} created`,
    });
  }, 90_000);

  it("notification-worker answers the webhook 503 once the disk fills, and stores nothing of a refused payload", async () => {
    const dataDir = temporaryDirectory();
    const limit = mode.pick(1024, 8192) * 1024;
    const started = spawnApp(
      "notification-worker",
      { DATA_DIR: dataDir, ...workerEnvironment },
      { maxFileBytes: limit },
    );
    const url = await started.listening;
    let accepted = 0;
    let refused = 0;
    let payloads = 0;
    const refusedNames: string[] = [];
    const reasons: string[] = [];
    while (refused < 3 && payloads < 5_000) {
      const names = Array.from({ length: 5 }, (_, index) => `Disk${payloads * 5 + index}`);
      const response = await fetch(`${url}/webhooks/alertmanager`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(payload(names.map((alertname) => ({ labels: { alertname, service: "api" } })))),
      });
      payloads++;
      const body = (await response.json()) as { error?: string };
      if (response.status === 200) {
        expect(refused, "accepted after a refusal: the limit does not come back").toBe(0);
        accepted += names.length;
      } else {
        expect(response.status).toBe(503);
        expect(response.headers.get("retry-after")).toBe("30");
        refused++;
        refusedNames.push(...names);
        reasons.push(body.error ?? "");
      }
    }
    expect(accepted).toBeGreaterThan(0);
    for (const reason of reasons) expect(reason).toMatch(/^storage unavailable, alerts not stored \(SQLITE_/);
    expect(started.child.exitCode).toBeNull();
    started.child.kill("SIGKILL");
    await started.exited;

    const db = new Database(join(dataDir, "worker.db"));
    const integrity = db.pragma("integrity_check", { simple: true });
    const names = (db.prepare("SELECT alert_json FROM alerts").all() as { alert_json: string }[]).map(
      (row) => (JSON.parse(row.alert_json) as { labels: { alertname: string } }).labels.alertname,
    );
    const deliveries = (db.prepare("SELECT COUNT(*) AS count FROM deliveries").get() as { count: number }).count;
    db.close();
    expect(integrity).toBe("ok");
    expect(names).toHaveLength(accepted);
    expect(names.filter((name) => refusedNames.includes(name))).toEqual([]);
    expect(deliveries).toBe(accepted);
    recordResult({
      area: "Faults survived",
      scenario: "notification-worker: disk fills mid-run",
      tried: `webhook payloads of 5 alerts until the disk was full (RLIMIT_FSIZE ${limit / 1024} KiB), then 2 more`,
      count: payloads,
      result: `${accepted} alerts accepted (200), then ${refused} payloads refused with 503 + Retry-After and the reason; after a kill: integrity_check ok, ${names.length} alerts and ${deliveries} deliveries stored, none of the refused`,
    });
  }, 90_000);
});
