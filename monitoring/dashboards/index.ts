import type { Dashboard } from "@grafana/grafana-foundation-sdk/dashboard";
import { agents } from "./agents.js";
import { readAlertRules, runbookFolderUrl } from "./alert-rules.js";
import { apiKeys } from "./api-keys.js";
import { buildDashboard, type DashboardSpec } from "./build-dashboard.js";
import { chains } from "./chains.js";
import { databaseCache } from "./database-cache.js";
import { llmUsageCost } from "./llm-usage-cost.js";
import { notifications } from "./notifications.js";
import { scheduledTasks } from "./scheduled-tasks.js";
import { serviceOverview } from "./service-overview.js";
import { tasksQueue } from "./tasks-queue.js";

/** Every dashboard, by the file name it is committed under in monitoring/grafana/dashboards/. */
export const DASHBOARD_SPECS: Readonly<Record<string, DashboardSpec>> = {
  "service-overview.json": serviceOverview,
  "tasks-queue.json": tasksQueue,
  "agents.json": agents,
  "chains.json": chains,
  "scheduled-tasks.json": scheduledTasks,
  "llm-usage-cost.json": llmUsageCost,
  "database-cache.json": databaseCache,
  "api-keys.json": apiKeys,
  "notifications.json": notifications,
};

export interface DashboardFile {
  name: string;
  dashboard: Dashboard;
  contents: string;
}

/** Builds every dashboard, linking the alerts of the rule files in `rulesDirectory` to their runbooks. */
export function buildDashboardFiles(rulesDirectory: string): DashboardFile[] {
  const alerts = readAlertRules(rulesDirectory);
  const context = { alerts, runbookFolderUrl: runbookFolderUrl(alerts) };
  return Object.entries(DASHBOARD_SPECS).map(([name, spec]) => {
    const dashboard = buildDashboard(spec, context);
    return { name, dashboard, contents: `${JSON.stringify(dashboard, null, 2)}\n` };
  });
}
