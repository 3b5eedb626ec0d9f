import type express from "express";
import type { AlertsRepository } from "./alerts-repository.js";
import type { DeadLetterRetry } from "./dead-letter-retry.js";
import { presentAlert } from "./present-alert.js";
import { matcherList, previewSilence } from "./silence-preview.js";
import type { TimelineRepository } from "./timeline-repository.js";

export interface OperationsRoutesOptions {
  alerts: AlertsRepository;
  timeline: TimelineRepository;
  retryDeadLetter: DeadLetterRetry;
  /** The bearer check of the write endpoints (WORKER_API_TOKEN). */
  writeAuth: express.RequestHandler;
  json: express.RequestHandler;
}

/** JSON endpoints the console also uses: an alert's timeline, a silence preview, retrying a dead letter. */
export function addOperationsRoutes(app: express.Express, options: OperationsRoutesOptions): void {
  const { alerts, timeline } = options;

  app.get("/alerts/:fingerprint/timeline", (request, response) => {
    const fingerprint = String(request.params.fingerprint);
    if (!alerts.get(fingerprint)) return response.status(404).json({ error: "alert not found" });
    response.json({ events: timeline.list(fingerprint) });
  });

  app.get("/silences/preview", (request, response) => {
    const preview = previewSilence(matcherList(request.query.matcher), alerts.active());
    if (!preview.ok) return response.status(400).json({ error: preview.error });
    response.json({ alerts: preview.alerts.map(presentAlert) });
  });

  app.post("/deliveries/:id/retry", options.writeAuth, options.json, async (request, response) => {
    // JSON only: a cross-site form cannot send it, so this stays safe when no token is configured.
    if (!request.is("application/json")) {
      return response.status(415).json({ error: "Content-Type must be application/json" });
    }
    const id = Number(request.params.id);
    if (!Number.isInteger(id) || id < 1) return response.status(404).json({ error: "delivery not found" });
    const by = typeof request.body?.by === "string" && request.body.by !== "" ? request.body.by.slice(0, 200) : "api";
    const outcome = await options.retryDeadLetter(id, by);
    if (!outcome.ok) return response.status(outcome.status).json({ error: outcome.error });
    response.json(outcome.delivery);
  });
}
