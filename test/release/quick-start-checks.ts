import { expect } from "vitest";

/** Exercises a running quick start at `url` (http://127.0.0.1:<port>); throws when it misbehaves. */
export type ServerCheck = (url: string) => Promise<void>;

/** Inspects what a quick start that ran to completion (exit code 0) printed; throws when it is wrong. */
export type ScriptCheck = (stdout: string) => void | Promise<void>;

/**
 * A quick start is either a server (saved as server.mjs, given PORT, must print
 * `listening on http://127.0.0.1:<port>`, then exercised over HTTP) or a script (saved as
 * quick-start.mjs, must exit 0 within 20 s, then its stdout is checked). A bare function is
 * shorthand for a server check.
 */
export type QuickStartCheck =
  | ServerCheck
  | { kind: "server"; check: ServerCheck }
  | { kind: "script"; check: ScriptCheck };

export type ResolvedQuickStartCheck = { kind: "server"; check: ServerCheck } | { kind: "script"; check: ScriptCheck };

export function resolveQuickStartCheck(row: QuickStartCheck): ResolvedQuickStartCheck {
  return typeof row === "function" ? { kind: "server", check: row } : row;
}

/**
 * One row per publishable package: what its README quick start must do once installed alone.
 * A new package under packages/ adds its row here; without one, its release test fails.
 */
export const quickStartChecks: Readonly<Record<string, QuickStartCheck>> = {
  "@periscope/metrics": {
    kind: "server",
    check: async (url) => {
      const created = await fetch(`${url}/api/v1/tasks/email`, { method: "POST" });
      expect(created.status, await created.text()).toBe(201);

      const scrape = await fetch(`${url}/metrics`);
      const body = await scrape.text();
      expect(scrape.status, body).toBe(200);
      expect(body, body).toContain('tasks_created_total{task_type="email"');
      expect(body, body).toContain('http_requests_total{method="POST",route="/api/v1/tasks/:type",status_code="201"');
    },
  },
  "@periscope/redact": {
    kind: "script",
    check: (stdout) => {
      const secrets = [
        "correct-horse-battery-staple",
        "4821",
        "eyJhbGciOiJIUzI1NiJ9",
        "4111 1111 1111 1111",
        "s3cr3t-pw",
        "k-live-123",
        "YWRhOnMzY3IzdA==",
      ];
      for (const secret of secrets) expect(stdout, `the quick start printed ${secret}`).not.toContain(secret);
      expect(stdout).toContain('"password":"[REDACTED]"');
      expect(stdout, "token counters stay visible").toContain('"tokens_used":1532');
      expect(stdout).toContain("https://ada:[REDACTED]@api.example.com/v1/orders?page=2&api_key=[REDACTED]");
      expect(stdout).toContain('{"authorization":"[REDACTED]","x-request-id":"req-42"}');
      expect(stdout, "the forged line break is escaped").toContain("ada\\nINFO admin logged in");
    },
  },
  "@periscope/logging": async (url) => {
    const read = await fetch(`${url}/api/v1/tasks/42`);
    expect(read.status, await read.text()).toBe(200);
    expect(read.headers.get("x-request-id")).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);

    const echoed = await fetch(`${url}/api/v1/tasks/7`, { headers: { "x-request-id": "release-check-1" } });
    expect(echoed.status, await echoed.text()).toBe(200);
    expect(echoed.headers.get("x-request-id")).toBe("release-check-1");
  },
  "@periscope/tracing": async (url) => {
    const traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    const read = await fetch(`${url}/api/v1/tasks/42`, {
      headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
    });
    const body = await read.text();
    expect(read.status, body).toBe(200);
    // The middleware continued the caller's trace and made its span active for the handler.
    expect(JSON.parse(body), body).toMatchObject({ id: "42", traceId });

    const fresh = await fetch(`${url}/api/v1/tasks/7`, { headers: { traceparent: "00-malformed-01" } });
    const freshBody = await fresh.text();
    expect(fresh.status, freshBody).toBe(200);
    expect(JSON.parse(freshBody).traceId, freshBody).toMatch(/^(?!4bf92f3577b34da6a3ce929d0e0e4736)[0-9a-f]{32}$/);
  },
  "@periscope/sentry": {
    kind: "server",
    check: async (url) => {
      // No SENTRY_DSN in this test: initSentry() is a no-op and the app's own error response answers.
      const home = await fetch(url);
      expect(home.status, await home.text()).toBe(200);
      const failed = await fetch(`${url}/debug/sentry-test`);
      const body = await failed.text();
      expect(failed.status, body).toBe(500);
      expect(JSON.parse(body), body).toMatchObject({ error: "internal error" });
    },
  },
  "@periscope/profiling": {
    kind: "server",
    check: async (url) => {
      // The README's quick start falls back to this token when PROFILING_TOKEN is unset.
      const refused = await fetch(`${url}/debug/pprof/profile?seconds=1`);
      expect(refused.status, await refused.text()).toBe(401);
      expect(refused.headers.get("www-authenticate")).toMatch(/^Bearer /);

      const profile = await fetch(`${url}/debug/pprof/profile?seconds=1`, {
        headers: { authorization: "Bearer local-dev-only-token" },
      });
      const body = Buffer.from(await profile.arrayBuffer());
      expect(profile.status, body.toString("utf8").slice(0, 200)).toBe(200);
      expect(profile.headers.get("content-type")).toBe("application/octet-stream");
      expect([body[0], body[1]], "a gzipped pprof").toEqual([0x1f, 0x8b]);
    },
  },
  "@periscope/health": {
    kind: "server",
    check: async (url) => {
      for (const probe of ["live", "ready"]) {
        const response = await fetch(`${url}/health/${probe}`);
        const body = await response.text();
        expect(response.status, body).toBe(200);
        expect(response.headers.get("content-type"), body).toMatch(/^application\/json/);
        expect(JSON.parse(body), body).toMatchObject({ status: "pass", state: "ready" });
      }
    },
  },
  "@periscope/express": {
    kind: "server",
    check: async (url) => {
      const response = await fetch(`${url}/hello`);
      const body = await response.text();
      expect(response.status, body).toBe(200);
      expect(body).toBe("hello from /hello");
      expect(response.headers.get("x-served-by"), "the middleware ran before the route").toBe("periscope-quick-start");
    },
  },
  "@periscope/alerting": {
    kind: "script",
    check: (stdout) => {
      // The rule as a Prometheus rule file, then the same rule evaluated in-process.
      expect(stdout).toContain("- alert: HighErrorRate");
      expect(stdout).toContain(
        'expr: sum(rate(http_requests_total{status_code=~"5.."}[1m])) / sum(rate(http_requests_total[1m])) > 0.05',
      );
      expect(stdout).toContain(
        "runbook_url: https://github.com/acme/checkout/blob/main/docs/runbooks/HighErrorRate.md",
      );
      const line = stdout.split("\n").find((text) => text.startsWith('{"version":"4"'));
      expect(line, "an Alertmanager v4 payload was printed").toBeDefined();
      const payload = JSON.parse(line as string);
      expect(payload.status).toBe("firing");
      expect(payload.alerts[0].labels).toMatchObject({
        alertname: "HighErrorRate",
        severity: "critical",
        service: "checkout",
      });
      expect(payload.alerts[0].annotations.description).toBe("10% of requests answered 5xx over the last minute.");
      expect(payload.alerts[0].fingerprint).toMatch(/^[0-9a-f]{16}$/);
      expect(payload.alerts[0].endsAt).toBe("0001-01-01T00:00:00Z");
    },
  },
};
