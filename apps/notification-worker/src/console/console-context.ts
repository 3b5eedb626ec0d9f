import type { EscalationPolicy, Router } from "@periscope/alerting/channels";
import type { Logger } from "@periscope/logging";
import type { AlertEngine } from "../alert-engine.js";
import type { AlertsRepository } from "../alerts-repository.js";
import type { DeadLetterRetry } from "../dead-letter-retry.js";
import type { DeliveriesRepository } from "../deliveries-repository.js";
import type { SilencesRepository } from "../silences-repository.js";
import type { TimelineRepository } from "../timeline-repository.js";
import type { ChangeFeed } from "./change-feed.js";
import type { ConsoleAuth } from "./console-auth.js";

/** What the console's pages and actions read and change. */
export interface ConsoleContext {
  engine: AlertEngine;
  alerts: AlertsRepository;
  deliveries: DeliveriesRepository;
  silences: SilencesRepository;
  timeline: TimelineRepository;
  router: Router;
  policies: ReadonlyMap<string, EscalationPolicy>;
  auth: ConsoleAuth;
  feed: ChangeFeed;
  retryDeadLetter: DeadLetterRetry;
  logger: Logger;
  /** Something was queued or changed: wake the delivery loop and the live pages. */
  onChange: () => void;
}
