import { describe, expect, it } from "vitest";
import { Capture } from "../test/capture.js";
import { createLogger } from "./create-logger.js";

class PaymentDeclined extends Error {
  readonly code = "card_declined";
}

async function logged(write: (logger: ReturnType<typeof createLogger>) => void) {
  const out = new Capture();
  const logger = createLogger({ destination: out, service: "s", format: "json" });
  write(logger);
  await logger.shutdown();
  return out.records();
}

function failure(): Error {
  const root = new TypeError("socket hang up");
  return new PaymentDeclined("charge failed", { cause: root });
}

const expectedError = {
  type: "PaymentDeclined",
  message: "charge failed",
  code: "card_declined",
  cause: { type: "TypeError", message: "socket hang up" },
};

describe("errors in records", () => {
  it('keeps type, message, stack and cause with logger.error("message", error)', async () => {
    const [record] = await logged((logger) => logger.error("checkout failed", failure()));
    expect(record).toMatchObject({ message: "checkout failed", error: expectedError });
    const error = record?.error as Record<string, unknown>;
    expect(error.stack).toContain("charge failed");
    expect((error.cause as Record<string, unknown>).stack).toContain("socket hang up");
  });

  it("keeps them with logger.error(error), the error's message becoming the record's", async () => {
    const [record] = await logged((logger) => logger.error(failure()));
    expect(record).toMatchObject({ message: "charge failed", error: expectedError });
  });

  it("keeps them for errors nested in fields as { err } or { error }", async () => {
    const records = await logged((logger) => {
      logger.warn("retrying", { err: failure(), attempt: 2 });
      logger.warn("retrying", { error: failure() });
    });
    expect(records[0]).toMatchObject({ attempt: 2, err: expectedError });
    expect(records[1]).toMatchObject({ error: expectedError });
  });

  it("keeps them for both call styles straight on the winston logger", async () => {
    const records = await logged((logger) => {
      logger.winston.error("checkout failed", failure());
      logger.winston.error(failure());
    });
    expect(records[0]).toMatchObject({ message: "checkout failed", error: expectedError });
    expect(records[0]).not.toHaveProperty("stack");
    expect(records[1]).toMatchObject({ level: "error", message: "charge failed", error: expectedError });
    expect(records[1]?.error).not.toHaveProperty("level");
  });

  it("writes AggregateError's errors and survives a cause cycle", async () => {
    const first = new Error("first");
    const second = new Error("second", { cause: first });
    (first as Error & { cause?: unknown }).cause = second;
    const [record] = await logged((logger) => logger.error("many", new AggregateError([first], "all failed")));
    const error = record?.error as Record<string, unknown>;
    expect(error).toMatchObject({ type: "AggregateError", message: "all failed" });
    expect(JSON.stringify(error.errors)).toContain("[Circular]");
  });

  it("masks secrets in an error's message and stack", async () => {
    const secret = "postgres://admin:s3cr3t-pa55@db.internal:5432/app";
    const [record] = await logged((logger) => logger.error("db down", new Error(`cannot connect to ${secret}`)));
    expect(JSON.stringify(record)).not.toContain("s3cr3t-pa55");
  });
});
