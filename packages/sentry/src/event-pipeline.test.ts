import { createRedactionPolicy } from "@periscope/redact";
import type { ErrorEvent } from "@sentry/node";
import { describe, expect, it } from "vitest";
import { DEFAULT_LEVEL_SAMPLE_RATES } from "./config.js";
import { DeliveryCounter } from "./delivery-stats.js";
import { createBeforeSend, ROUTE_KEY_TAG } from "./event-pipeline.js";
import { defaultFingerprint } from "./grouping.js";
import { createEventScrubber } from "./scrub.js";

function pipeline(userBeforeSend?: (event: ErrorEvent) => ErrorEvent | null) {
  const counter = new DeliveryCounter();
  const beforeSend = createBeforeSend({
    ignore: { ignoreStatusBelow: 500, ignoreErrors: [] },
    levelRates: DEFAULT_LEVEL_SAMPLE_RATES,
    fingerprint: defaultFingerprint,
    scrubber: createEventScrubber(createRedactionPolicy()),
    counter,
    userBeforeSend,
    userBeforeBreadcrumb: undefined,
    onError: () => {},
    random: () => 0.5,
  });
  return { beforeSend, counter };
}

const event = (extra: Partial<ErrorEvent> = {}): ErrorEvent => ({ type: undefined, level: "error", ...extra });

describe("createBeforeSend", () => {
  it("fingerprints request errors as [type, route] and leaves others to Sentry", async () => {
    const { beforeSend } = pipeline();
    const tagged = await beforeSend(event({ tags: { [ROUTE_KEY_TAG]: "GET /api/v1/tasks/:id" } }), {
      originalException: new TypeError("x"),
    });
    expect(tagged?.fingerprint).toEqual(["TypeError", "GET /api/v1/tasks/:id"]);
    const plain = await beforeSend(event(), { originalException: new TypeError("x") });
    expect(plain?.fingerprint).toBeUndefined();
  });

  it("drops ignored errors and sampled-out levels, and counts them", async () => {
    const { beforeSend, counter } = pipeline();
    expect(await beforeSend(event(), { originalException: Object.assign(new Error("x"), { status: 422 }) })).toBeNull();
    expect(await beforeSend(event({ level: "info" }), {})).toBeNull();
    expect(await beforeSend(event({ level: "warning" }), {})).toBeNull();
    expect(counter.snapshot().dropped).toEqual({ ignored: 1, level_sampled: 2 });
  });

  it("scrubs after the user's beforeSend, so what it adds is scrubbed too; a throwing callback drops", async () => {
    const { beforeSend } = pipeline((e) => ({ ...e, extra: { password: "from-user-callback" } }));
    const result = await beforeSend(event(), {});
    expect(JSON.stringify(result)).not.toContain("from-user-callback");
    const failing = pipeline(() => {
      throw new Error("user bug");
    });
    expect(await failing.beforeSend(event(), {})).toBeNull();
  });
});
