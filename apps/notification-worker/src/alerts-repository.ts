import type { Alert, AlertState } from "@periscope/alerting/channels";
import type { Db } from "./database.js";

/** An alert with what the worker keeps about it: where it routes, its escalation progress, what mutes it. */
export interface StoredAlert {
  alert: Alert;
  receivers: string[];
  escalation: string | undefined;
  notifiedSteps: number;
  inhibitedBy: string | undefined;
}

interface Row {
  alert_json: string;
  receivers_json: string;
  escalation: string | null;
  notified_steps: number;
  inhibited_by: string | null;
}

const fromRow = (row: Row): StoredAlert => ({
  alert: JSON.parse(row.alert_json) as Alert,
  receivers: JSON.parse(row.receivers_json) as string[],
  escalation: row.escalation ?? undefined,
  notifiedSteps: row.notified_steps,
  inhibitedBy: row.inhibited_by ?? undefined,
});

export function createAlertsRepository(db: Db) {
  const get = db.prepare<[string], Row>("SELECT * FROM alerts WHERE fingerprint = ?");
  const all = db.prepare<[], Row>("SELECT * FROM alerts ORDER BY updated_at DESC LIMIT 1000");
  const byState = db.prepare<[string], Row>("SELECT * FROM alerts WHERE state = ? ORDER BY updated_at DESC LIMIT 1000");
  const active = db.prepare<[], Row>("SELECT * FROM alerts WHERE state != 'resolved'");
  const upsert = db.prepare(
    `INSERT INTO alerts (fingerprint, state, starts_at, updated_at, alert_json, receivers_json, escalation, notified_steps, inhibited_by)
     VALUES (@fingerprint, @state, @startsAt, @updatedAt, @alert, @receivers, @escalation, @notifiedSteps, @inhibitedBy)
     ON CONFLICT (fingerprint) DO UPDATE SET state = excluded.state, starts_at = excluded.starts_at,
       updated_at = excluded.updated_at, alert_json = excluded.alert_json, receivers_json = excluded.receivers_json,
       escalation = excluded.escalation, notified_steps = excluded.notified_steps, inhibited_by = excluded.inhibited_by`,
  );
  return {
    get: (fingerprint: string): StoredAlert | undefined => {
      const row = get.get(fingerprint);
      return row ? fromRow(row) : undefined;
    },
    list: (state?: AlertState): StoredAlert[] => (state ? byState.all(state) : all.all()).map(fromRow),
    /** Every alert that is not resolved (firing, acknowledged, silenced). */
    active: (): StoredAlert[] => active.all().map(fromRow),
    put(stored: StoredAlert): void {
      const { alert } = stored;
      upsert.run({
        fingerprint: alert.fingerprint,
        state: alert.state,
        startsAt: alert.startsAt,
        updatedAt: alert.updatedAt,
        alert: JSON.stringify(alert),
        receivers: JSON.stringify(stored.receivers),
        escalation: stored.escalation ?? null,
        notifiedSteps: stored.notifiedSteps,
        inhibitedBy: stored.inhibitedBy ?? null,
      });
    },
  };
}

export type AlertsRepository = ReturnType<typeof createAlertsRepository>;
