import { Writable } from "node:stream";
import { afterEach, describe, expect, it, vi } from "vitest";
import winston from "winston";
import { Capture, settle } from "../test/capture.js";
import { createLogger } from "./create-logger.js";
import { runWithRequestContext } from "./request-context.js";

/** A transport whose every write fails, as a network transport does when its endpoint is down. */
class BrokenTransport extends (winston as unknown as { Transport: new () => winston.transport }).Transport {
  override log(_info: unknown, next: (error?: Error) => void): void {
    next(new Error("disk full"));
  }
}

const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

afterEach(() => vi.unstubAllEnvs());

describe("createLogger", () => {
  it("writes one JSON line per record with timestamp, level, message, service, request_id and fields", async () => {
    const out = new Capture();
    const logger = createLogger({ destination: out, service: "orders", format: "json", traceContext: false });
    runWithRequestContext({ requestId: "req-1" }, () =>
      logger.info("order placed", { order_id: 7, total_cents: 1250 }),
    );
    logger.warn("outside a request");
    await logger.shutdown();

    const [inside, outside] = out.records();
    expect(Object.keys(inside ?? {})).toEqual([
      "timestamp",
      "level",
      "message",
      "service",
      "request_id",
      "order_id",
      "total_cents",
    ]);
    expect(inside).toMatchObject({ level: "info", message: "order placed", service: "orders", request_id: "req-1" });
    expect(inside?.timestamp).toMatch(ISO_8601);
    expect(outside).toMatchObject({ level: "warn", message: "outside a request" });
    expect(outside).not.toHaveProperty("request_id");
    expect(out.lines()).toHaveLength(2);
  });

  it("filters by level, from the option or LOG_LEVEL, and the option wins", async () => {
    vi.stubEnv("LOG_LEVEL", "warn");
    const fromEnv = new Capture();
    const envLogger = createLogger({ destination: fromEnv, service: "s", format: "json" });
    envLogger.info("dropped");
    envLogger.warn("kept");
    await envLogger.shutdown();
    expect(fromEnv.records().map((record) => record.message)).toEqual(["kept"]);

    const fromOption = new Capture();
    const optionLogger = createLogger({ destination: fromOption, service: "s", format: "json", level: "debug" });
    optionLogger.debug("kept");
    optionLogger.silly("dropped");
    await optionLogger.shutdown();
    expect(fromOption.records().map((record) => record.message)).toEqual(["kept"]);
  });

  it("rejects an invalid level or format with an error naming the option and the env var", () => {
    const destination = new Capture();
    vi.stubEnv("LOG_LEVEL", "loud");
    expect(() => createLogger({ destination, service: "s" })).toThrow(/`level` option or the LOG_LEVEL/);
    vi.stubEnv("LOG_LEVEL", "");
    vi.stubEnv("LOG_FORMAT", "xml");
    expect(() => createLogger({ destination, service: "s" })).toThrow(/`format` option or the LOG_FORMAT/);
    expect(() => createLogger({ destination, service: "", format: "json" })).toThrow(/`service` option/);
    expect(() => createLogger({ destination, maxStringLength: -1, format: "json" })).toThrow(/maxStringLength/);
  });

  it("takes the service from OTEL_SERVICE_NAME, else OpenTelemetry's unknown_service default", async () => {
    vi.stubEnv("OTEL_SERVICE_NAME", "billing");
    const named = new Capture();
    const namedLogger = createLogger({ destination: named, format: "json" });
    namedLogger.info("x");
    await namedLogger.shutdown();
    expect(named.records()[0]?.service).toBe("billing");

    vi.stubEnv("OTEL_SERVICE_NAME", "");
    const unnamed = new Capture();
    const unnamedLogger = createLogger({ destination: unnamed, format: "json" });
    unnamedLogger.info("x");
    await unnamedLogger.shutdown();
    expect(unnamed.records()[0]?.service).toBe("unknown_service:node");
  });

  it("defaults to JSON when the destination is not a TTY, pretty when LOG_FORMAT says so", async () => {
    const json = new Capture();
    const jsonLogger = createLogger({ destination: json, service: "s" });
    jsonLogger.info("hello", { user_id: 3 });
    await jsonLogger.shutdown();
    expect(() => JSON.parse(json.lines()[0] ?? "")).not.toThrow();

    vi.stubEnv("LOG_FORMAT", "pretty");
    const pretty = new Capture();
    const prettyLogger = createLogger({ destination: pretty, service: "s" });
    prettyLogger.info("hello", { user_id: 3, note: "two words" });
    await prettyLogger.shutdown();
    expect(pretty.lines()).toHaveLength(1);
    expect(pretty.lines()[0]).toMatch(/^\d{2}:\d{2}:\d{2}\.\d{3} INFO {2}hello service=s user_id=3 note="two words"$/);
  });

  it("gives children their fields, redacted once, and lets call fields win", async () => {
    const out = new Capture();
    const logger = createLogger({ destination: out, service: "s", format: "json" });
    const child = logger.child({ component: "queue", password: "hunter2" }).child({ worker: 2 });
    child.info("picked", { component: "override" });
    await child.shutdown();
    const [record] = out.records();
    expect(record).toMatchObject({ component: "override", worker: 2, password: "[REDACTED]" });
    expect(out.text()).not.toContain("hunter2");
  });

  it("keeps reserved names apart instead of letting fields overwrite them", async () => {
    const out = new Capture();
    const logger = createLogger({ destination: out, service: "s", format: "json" });
    logger.info("real", { level: "fake", message: "forged", timestamp: "never", service: "worker" });
    await logger.shutdown();
    expect(out.records()[0]).toMatchObject({
      level: "info",
      message: "real",
      field_level: "fake",
      field_message: "forged",
      field_timestamp: "never",
      service: "worker",
    });
  });

  it("formats records written straight to the winston logger the same way", async () => {
    const out = new Capture();
    const logger = createLogger({ destination: out, service: "s", format: "json", traceContext: false });
    runWithRequestContext({ requestId: "direct" }, () => logger.winston.info("via winston", { token: "abc", n: 1 }));
    await logger.shutdown();
    expect(out.records()[0]).toMatchObject({ message: "via winston", request_id: "direct", token: "[REDACTED]", n: 1 });
  });

  it("hands extra transports the redacted record and its line", async () => {
    const seen: Record<string | symbol, unknown>[] = [];
    const transport = new winston.transports.Stream({
      stream: new Writable({
        objectMode: true,
        write: (info, _encoding, callback) => {
          seen.push(info);
          callback();
        },
      }),
    });
    const logger = createLogger({ destination: false, transports: [transport], service: "s", format: "json" });
    logger.info("sent", { authorization: "Bearer abc.def.ghi" });
    await logger.shutdown();
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ message: "sent", authorization: "[REDACTED]" });
    expect(JSON.parse(String(seen[0]?.[Symbol.for("message")]))).toMatchObject({ message: "sent" });
  });

  it("honours what is changed on the winston logger afterwards: an added transport, a transport's level", async () => {
    const out = new Capture();
    const added: unknown[] = [];
    const logger = createLogger({ destination: out, service: "s", format: "json" });
    logger.info("before");
    logger.winston.add(
      new winston.transports.Stream({
        stream: new Writable({
          objectMode: true,
          write: (info, _encoding, done) => {
            added.push(info);
            done();
          },
        }),
      }),
    );
    logger.info("with two transports");
    const destination = logger.winston.transports[0] as winston.transport;
    destination.level = "warn";
    logger.info("below the destination's level");
    logger.warn("at it");
    await logger.shutdown();
    expect(out.records().map((record) => record.message)).toEqual(["before", "with two transports", "at it"]);
    expect(added).toHaveLength(3);
  });

  it("refuses `destination: false` without anywhere else to write", () => {
    expect(() => createLogger({ destination: false, service: "s" })).toThrow(/destination: false/);
  });

  it("sends a failing transport's errors to onError, rate-limited, and keeps logging", async () => {
    const errors: unknown[] = [];
    const out = new Capture();
    const logger = createLogger({
      destination: out,
      transports: [new BrokenTransport()],
      service: "s",
      format: "json",
      onError: (error) => errors.push(error),
    });
    for (let index = 0; index < 5; index++) logger.info(`record ${index}`);
    await settle();
    logger.info("after the failures");
    await logger.shutdown();
    expect(errors).toHaveLength(1);
    expect(String(errors[0])).toContain("disk full");
    expect(out.records().map((record) => record.message)).toContain("after the failures");
  });

  it("shuts down once however often it is called, and drops records after it", async () => {
    const out = new Capture();
    const logger = createLogger({ destination: out, service: "s", format: "json" });
    logger.info("before");
    const first = logger.shutdown();
    expect(logger.shutdown()).toBe(first);
    await first;
    await logger.child({ a: 1 }).shutdown();
    logger.info("after");
    await settle();
    expect(out.records().map((record) => record.message)).toEqual(["before"]);
    expect(out.writableEnded).toBe(false);
  });

  it("never throws from a log call, whatever it is given", async () => {
    const out = new Capture();
    const logger = createLogger({ destination: out, service: "s", format: "json" });
    const hostile = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error("no keys for you");
        },
      },
    );
    expect(() => logger.info("hostile", hostile)).not.toThrow();
    expect(() => logger.info(undefined as unknown as string)).not.toThrow();
    expect(() => logger.info({ only: "fields" })).not.toThrow();
    expect(() => logger.info("number", 42 as unknown as Record<string, unknown>)).not.toThrow();
    await logger.shutdown();
    const records = out.records();
    expect(records).toHaveLength(4);
    expect(records[0]?.unserializable_fields).toContain("no keys for you");
    expect(records[2]).toMatchObject({ message: "", only: "fields" });
    expect(records[3]).toMatchObject({ message: "number", data: 42 });
  });
});
