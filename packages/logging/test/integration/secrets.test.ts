import { secretsCorpus } from "@periscope/redact/testing";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listen } from "../../../metrics/test/http-server.js";
import { requestContextMiddleware, requestLogMiddleware } from "../../src/express.js";
import { createLogger } from "../../src/index.js";
import { Capture, settle } from "../capture.js";
import { waitFor } from "../wait-for.js";

const out = new Capture();
const logger = createLogger({ destination: out, service: "api", format: "json" });
let server: Awaited<ReturnType<typeof listen>>;

beforeAll(async () => {
  const app = express();
  app.use(requestContextMiddleware());
  app.use(requestLogMiddleware(logger));
  app.use(express.json());
  // The handler a careless service has: it logs the whole request.
  app.post("/api/v1/notes", (request, response) => {
    logger.info("note received", { headers: request.headers, query: request.query, body: request.body });
    response.status(204).end();
  });
  server = await listen(app);
});
afterAll(async () => {
  await server.close();
  await logger.shutdown();
});

describe("secrets corpus", () => {
  it("appears nowhere in the output, sent in headers, query, body and log fields", async () => {
    for (const sample of secretsCorpus) {
      const headers: Record<string, string> = {
        "content-type": "application/json",
        "x-request-id": `secret-${sample.name}`,
      };
      if (sample.carrier === "header" && sample.value) Object.assign(headers, sample.value);
      else if (sample.headerSafe) headers["x-debug-note"] = sample.text;
      const response = await fetch(`${server.url}/api/v1/notes?note=${encodeURIComponent(sample.text)}`, {
        method: "POST",
        headers,
        body: JSON.stringify({ note: sample.text, ...(sample.value ?? {}) }),
      });
      expect(response.status, sample.name).toBe(204);

      logger.warn(sample.text, { note: sample.text, value: sample.value, error: new Error(sample.text) });
    }
    const lastId = `secret-${secretsCorpus.at(-1)?.name}`;
    await waitFor(() => out.records().find((record) => record.request_id === lastId && record.route !== undefined));
    await settle();

    const output = out.text();
    expect(out.records().length).toBeGreaterThanOrEqual(secretsCorpus.length * 3);
    const leaked = secretsCorpus.filter((sample) => output.includes(sample.secret)).map((sample) => sample.name);
    expect(leaked).toEqual([]);
  });
});
