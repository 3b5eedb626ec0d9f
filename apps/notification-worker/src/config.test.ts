import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { queueFromEnvironment, readServerConfig, readWorkerEnvironment } from "./config.js";

describe("readServerConfig", () => {
  it("defaults to 127.0.0.1 and the given port, and refuses a bad PORT", () => {
    expect(readServerConfig({}, 3001)).toEqual({ port: 3001, host: "127.0.0.1" });
    expect(readServerConfig({ PORT: "0", HOST: "0.0.0.0" }, 3001)).toEqual({ port: 0, host: "0.0.0.0" });
    expect(() => readServerConfig({ PORT: "http" }, 3001)).toThrow(
      'PORT must be an integer from 0 to 65535, got "http"',
    );
  });
});

describe("readWorkerEnvironment", () => {
  it("reads DATA_DIR (default ./data) and treats empty values as unset", () => {
    expect(readWorkerEnvironment({ WORKER_API_TOKEN: "" })).toMatchObject({
      dataDirectory: resolve("./data"),
      apiToken: undefined,
    });
    expect(readWorkerEnvironment({ DATA_DIR: "/tmp/x", WEBHOOK_TOKEN: "t" })).toMatchObject({
      dataDirectory: "/tmp/x",
      webhookToken: "t",
    });
  });
});

describe("queueFromEnvironment", () => {
  it("switches to BullMQ with WORKER_QUEUE_URL, keeps a configured name, and refuses a non-redis URL", () => {
    expect(queueFromEnvironment({ kind: "sqlite" }, undefined)).toEqual({ kind: "sqlite" });
    expect(queueFromEnvironment({ kind: "sqlite" }, "redis://127.0.0.1:6379")).toEqual({
      kind: "bullmq",
      url: "redis://127.0.0.1:6379",
      name: "periscope-notifications",
    });
    expect(queueFromEnvironment({ kind: "bullmq", url: "redis://a:1", name: "n" }, "redis://b:2")).toEqual({
      kind: "bullmq",
      url: "redis://b:2",
      name: "n",
    });
    expect(() => queueFromEnvironment({ kind: "sqlite" }, "http://x")).toThrow("WORKER_QUEUE_URL must be a redis://");
  });
});
