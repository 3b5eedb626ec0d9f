import { describe, expect, it } from "vitest";
import { ConfigError, parseWorkerConfig } from "./config-loader.js";

const errorOf = (text: string) => {
  try {
    parseWorkerConfig(text, "worker.yaml");
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("expected a ConfigError");
};

const valid = `receivers:
  - name: slack
    type: slack
    webhookUrl: https://hooks.slack.example/T/B/X
  - name: pager
    type: pagerduty
    routingKey: abc
route:
  receiver: slack
  routes:
    - matchers: ['severity="critical"']
      receiver: pager
      escalation: oncall
escalationPolicies:
  - name: oncall
    steps:
      - afterMinutes: 0
        receivers: [pager]
`;

describe("parseWorkerConfig", () => {
  it("accepts a valid config and fills in the defaults", () => {
    const config = parseWorkerConfig(valid, "worker.yaml");
    expect(config.receivers.map((receiver) => receiver.name)).toEqual(["slack", "pager"]);
    expect(config.delivery).toEqual({
      maxAttempts: 8,
      baseDelayMs: 1000,
      maxDelayMs: 300_000,
      pollIntervalMs: 250,
      concurrency: 4,
      timeoutMs: 10_000,
    });
    expect(config.escalationIntervalMs).toBe(5000);
    expect(config.queue).toEqual({ kind: "sqlite" });
  });

  it("reads a BullMQ queue with its default name", () => {
    const config = parseWorkerConfig(`${valid}queue: { kind: bullmq, url: "redis://127.0.0.1:6379" }\n`, "worker.yaml");
    expect(config.queue).toEqual({ kind: "bullmq", url: "redis://127.0.0.1:6379", name: "periscope-notifications" });
  });

  it.each([
    ["a wrong field type", valid.replace("routingKey: abc", "routingKey: 12"), 7, "receivers[1].routingKey"],
    ["an unknown receiver type", valid.replace("type: pagerduty", "type: pager"), 6, "receivers[1].type"],
    ["a bad URL", valid.replace("https://hooks.slack.example/T/B/X", "not a url"), 4, "receivers[0].webhookUrl"],
    [
      "an unknown route receiver",
      valid.replace("receiver: pager\n      escalation", "receiver: nobody\n      escalation"),
      12,
      "route.routes[0].receiver",
    ],
    [
      "an unknown escalation policy",
      valid.replace("escalation: oncall", "escalation: nope"),
      13,
      "route.routes[0].escalation",
    ],
    ["a bad matcher", valid.replace(`'severity="critical"'`, `'severity=~"("'`), 11, "route.routes[0].matchers[0]"],
    [
      "an unknown step receiver",
      valid.replace("receivers: [pager]", "receivers: [ghost]"),
      18,
      "escalationPolicies[0].steps[0].receivers[0]",
    ],
    ["an unknown key", `${valid}extra: 1\n`, 19, "extra"],
    ["a queue URL that is not redis", `${valid}queue:\n  kind: bullmq\n  url: http://x\n`, 21, "queue.url"],
    [
      "a duplicate receiver",
      valid
        .replace("name: pager", "name: slack")
        .replace(/receiver: pager/g, "receiver: slack")
        .replace("[pager]", "[slack]"),
      5,
      "receivers[1].name",
    ],
  ])("names the line of %s", (_name, text, line, path) => {
    const error = errorOf(text);
    expect(error.line).toBe(line);
    expect(error.message).toContain(`worker.yaml:${line}: ${path}`);
  });

  it("names the line of a missing required key (its parent's)", () => {
    const error = errorOf(valid.replace("    routingKey: abc\n", ""));
    expect(error.message).toMatch(/^worker\.yaml:5: receivers\[1\]\.routingKey: /);
  });

  it("reports YAML syntax errors with their line", () => {
    const error = errorOf("receivers:\n  - name: a\n    type: [log\nroute: {}\n");
    expect(error.message).toMatch(/^worker\.yaml:\d+: YAML syntax: /);
    expect(error.line).toBeGreaterThanOrEqual(3);
  });
});
