import type { RuleCommon, Severity } from "../types.js";

export interface PeriscopeRuleOptions {
  team: string;
  service: string;
  /** Prometheus scrape job of the service, for ServiceDown. Default: the service name. */
  job?: string;
  /** Name of the @periscope/health check that watches the database. Default `database`. */
  databaseCheck?: string;
  /** Repository folder of the runbooks. Default `docs/runbooks`. */
  runbookDirectory?: string;
}

type Text = Pick<RuleCommon, "name" | "summary" | "description">;

/** Name, severity, for, labels and runbook of a catalog rule, from the catalog's options. */
export function common(options: PeriscopeRuleOptions, severity: Severity, pending: string, text: Text): RuleCommon {
  const directory = (options.runbookDirectory ?? "docs/runbooks").replace(/\/+$/, "");
  return {
    ...text,
    severity,
    for: pending,
    labels: { team: options.team, service: options.service },
    runbook: `${directory}/${text.name}.md`,
  };
}

/** Labels for the catalog's generated files and examples. */
export const EXAMPLE_SERVICE = { team: "platform", service: "sample-api" } as const;
