import { expect } from "vitest";

/** Exercises a running quick start at `url` (http://127.0.0.1:<port>); throws when it misbehaves. */
export type QuickStartCheck = (url: string) => Promise<void>;

/**
 * One row per publishable package: what its README quick start must do once installed alone.
 * A new package under packages/ adds its row here; without one, its release test fails.
 */
export const quickStartChecks: Readonly<Record<string, QuickStartCheck>> = {
  "@periscope/metrics": async (url) => {
    const created = await fetch(`${url}/api/v1/tasks/email`, { method: "POST" });
    expect(created.status, await created.text()).toBe(201);

    const scrape = await fetch(`${url}/metrics`);
    const body = await scrape.text();
    expect(scrape.status, body).toBe(200);
    expect(body, body).toContain('tasks_created_total{task_type="email"');
    expect(body, body).toContain('http_requests_total{method="POST",route="/api/v1/tasks/:type",status_code="201"');
  },
};
