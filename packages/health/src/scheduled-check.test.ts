import { afterEach, describe, expect, it } from "vitest";
import { waitFor } from "../test/wait.js";
import { ScheduledCheck } from "./scheduled-check.js";

const started: ScheduledCheck[] = [];
function schedule(run: (context: { signal: AbortSignal }) => unknown, options = {}) {
  const check = new ScheduledCheck("dep", { run }, { critical: true, timeoutMs: 100, intervalMs: 50, ...options });
  started.push(check);
  return check;
}

afterEach(() => {
  for (const check of started.splice(0)) check.stop();
});

describe("ScheduledCheck", () => {
  it("reports fail with 'not checked yet' before its first result", () => {
    const check = schedule(() => true);
    expect(check.result).toMatchObject({ status: "fail", message: "not checked yet", last_checked: null });
  });

  it("records pass, latency and time of a run", async () => {
    const check = schedule(() => ({ observedValue: 3 }));
    await check.run();
    expect(check.result).toMatchObject({ status: "pass", observed_value: 3, critical: true });
    expect(check.result.latency_ms).toBeGreaterThanOrEqual(0);
    expect(Date.parse(check.result.last_checked ?? "")).not.toBeNaN();
  });

  it("turns a thrown error into fail with its message", async () => {
    const check = schedule(() => {
      throw new Error("database is down");
    });
    await check.run();
    expect(check.result).toMatchObject({ status: "fail", message: "database is down" });
  });

  it("fails a run that never settles at its timeout and aborts its signal", async () => {
    let signal: AbortSignal | undefined;
    const check = schedule((context) => {
      signal = context.signal;
      return new Promise(() => {});
    });
    await check.run();
    expect(check.result).toMatchObject({ status: "fail", message: "timed out after 100 ms", latency_ms: 100 });
    expect(signal?.aborted).toBe(true);
  });

  it("never starts a second run while a hung one is pending; counts the skipped ticks", async () => {
    let calls = 0;
    const check = schedule(() => {
      calls += 1;
      return new Promise(() => {});
    });
    check.start();
    await waitFor(() => check.skippedRuns >= 3, "three skipped runs");
    expect(calls).toBe(1);
    expect(check.result.status).toBe("fail");
    expect(check.result.message).toMatch(/^timed out after 100 ms \(still pending; \d+ runs skipped\)$/);
  });

  it("runs again on its interval once the previous run settled", async () => {
    let calls = 0;
    const check = schedule(() => {
      calls += 1;
      return calls === 1 ? Promise.reject(new Error("first fails")) : true;
    });
    check.start();
    await waitFor(() => calls >= 2 && check.result.status === "pass", "a second, passing run");
    expect(check.skippedRuns).toBe(0);
  });

  it("ignores a late result that arrives after the timeout", async () => {
    let finish: (value: unknown) => void = () => {};
    const check = schedule(() => new Promise((resolve) => (finish = resolve)));
    await check.run();
    finish({ status: "pass" });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(check.result.message).toBe("timed out after 100 ms");
  });
});
