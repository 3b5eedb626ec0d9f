import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { readServerConfig, readWorkerEnvironment } from "./config.js";

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
