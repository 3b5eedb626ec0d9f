import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { Capture, settle } from "../test/capture.js";
import { createLogger } from "./create-logger.js";

describe("destination stream", () => {
  it("writes many records per write call, in order", async () => {
    const out = new Capture();
    const logger = createLogger({ destination: out, service: "s", format: "json" });
    for (let index = 0; index < 500; index++) logger.info(`record ${index}`);
    await settle();
    expect(out.records().map((record) => record.message)).toEqual(
      Array.from({ length: 500 }, (_, index) => `record ${index}`),
    );
    expect(out.chunks.length).toBeLessThan(50);
    await logger.shutdown();
  });

  it("waits for a slow destination to drain and loses nothing on shutdown", async () => {
    const out = new Capture(2);
    const logger = createLogger({ destination: out, service: "s", format: "json", maxEntries: 10 });
    const padding = "p".repeat(2000);
    for (let index = 0; index < 300; index++) logger.info(`record ${index}`, { padding });
    await logger.shutdown();
    const messages = out.records().map((record) => record.message);
    expect(messages).toHaveLength(300);
    expect(messages.at(-1)).toBe("record 299");
    expect(logger.droppedRecords()).toBe(0);
  });

  it("drops records beyond maxBufferedBytes when the destination never drains, reports it, and shuts down by its deadline", async () => {
    const stuck = new Writable({ highWaterMark: 16, write: () => {} });
    const errors: unknown[] = [];
    const logger = createLogger({
      destination: stuck,
      service: "s",
      format: "json",
      maxBufferedBytes: 10_000,
      shutdownTimeoutMs: 200,
      onError: (error) => errors.push(error),
    });
    for (let index = 0; index < 100; index++) {
      logger.info("filler", { padding: "x".repeat(500) });
      if (index % 10 === 0) await settle();
    }
    // 100 records of ~560 bytes against a 10,000-byte buffer: most cannot be held.
    expect(logger.droppedRecords()).toBeGreaterThan(70);
    expect(logger.droppedRecords()).toBeLessThan(100);
    const started = Date.now();
    await logger.shutdown();
    expect(Date.now() - started).toBeLessThan(2000);
    expect(errors.length).toBeGreaterThan(0);
    expect(String(errors[0])).toMatch(/dropped \d+ log records|did not flush/);
  });

  it("reports a destination error to onError instead of crashing", async () => {
    const errors: unknown[] = [];
    const failing = new Writable({ write: (_chunk, _encoding, callback) => callback(new Error("EPIPE")) });
    const logger = createLogger({
      destination: failing,
      service: "s",
      format: "json",
      onError: (e) => errors.push(e),
      shutdownTimeoutMs: 200,
    });
    logger.info("lost");
    await settle();
    await logger.shutdown();
    expect(String(errors[0])).toContain("EPIPE");
  });
});
