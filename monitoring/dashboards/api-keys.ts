import { API_KEY_METRICS } from "@periscope/metrics";
import type { DashboardSpec } from "./build-dashboard.js";
import { stat, timeseries } from "./panels.js";
import { series, sumRate } from "./promql.js";

const CLIENT = 'organization=~"$organization"';

export const apiKeys: DashboardSpec = {
  uid: "periscope-api-keys",
  title: "Periscope / API keys and rate limits",
  description: "Requests by client organisation and API key id, rate-limit rejections and quota use.",
  alerts: ["RateLimitApproaching"],
  variables: [{ name: "organization", label: "Client", metric: API_KEY_METRICS.requests }],
  sections: [
    {
      title: "Clients",
      panels: [
        stat("Keyed requests per second", { expr: sumRate(API_KEY_METRICS.requests, [], CLIENT) }, { unit: "reqps" }),
        stat(
          "Rejected by rate limits",
          { expr: sumRate(API_KEY_METRICS.rateLimitRejections, [], CLIENT) },
          {
            unit: "reqps",
          },
        ),
        stat(
          "Highest quota use",
          { expr: `max(${series(API_KEY_METRICS.quotaUsed, { match: CLIENT })})` },
          {
            unit: "percentunit",
          },
        ),
        stat("Clients", {
          expr: `count(count by (organization) (${series(API_KEY_METRICS.requests, { match: CLIENT })}))`,
        }),
        timeseries(
          "Requests by client and status",
          [
            {
              expr: sumRate(API_KEY_METRICS.requests, ["organization", "status"], CLIENT),
              legend: "{{organization}} {{status}}",
            },
          ],
          { unit: "reqps" },
        ),
        timeseries(
          "Busiest keys",
          [
            {
              expr: `topk(10, ${sumRate(API_KEY_METRICS.requests, ["organization", "key_id"], CLIENT)})`,
              legend: "{{organization}} {{key_id}}",
            },
          ],
          { unit: "reqps" },
        ),
        timeseries(
          "Rate-limit rejections by limit type",
          [
            {
              expr: sumRate(API_KEY_METRICS.rateLimitRejections, ["organization", "limit_type"], CLIENT),
              legend: "{{organization}} {{limit_type}}",
            },
          ],
          { unit: "reqps" },
        ),
        timeseries(
          "Quota used",
          [
            {
              expr: `max by (organization, quota) (${series(API_KEY_METRICS.quotaUsed, { match: CLIENT })})`,
              legend: "{{organization}} {{quota}}",
            },
          ],
          { unit: "percentunit", min: 0, max: 1, description: "RateLimitApproaching fires above 80%." },
        ),
      ],
    },
  ],
};
