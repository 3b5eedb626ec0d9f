import { createRedactionPolicy } from "@periscope/redact";
import { secretsCorpus } from "@periscope/redact/testing";
import type { Event } from "@sentry/node";
import { describe, expect, it } from "vitest";
import { createEventScrubber } from "./scrub.js";

const scrubber = createEventScrubber(createRedactionPolicy());

function eventCarrying(text: string): Event {
  return {
    message: text,
    request: {
      url: `https://api.example/x?note=${encodeURIComponent(text)}`,
      query_string: `note=${encodeURIComponent(text)}`,
      headers: { "x-note": text, authorization: "Bearer abc.def.ghi", cookie: "sid=s3cr3t" },
      cookies: { sid: "s3cr3t-session" },
      data: { note: text, password: "hunter2-hunter2" },
    },
    exception: {
      values: [{ type: "Error", value: text, stacktrace: { frames: [{ vars: { token: "t0k3n-value" } }] } }],
    },
    extra: { note: text },
    contexts: { job: { note: text } },
    tags: { note: text },
    user: { id: "u1", ip_address: "203.0.113.9", email: "a@example.com" },
    breadcrumbs: [{ message: text, data: { url: `https://x.example/?q=${encodeURIComponent(text)}`, note: text } }],
  };
}

describe("createEventScrubber", () => {
  it("removes every corpus secret from every part of an event", () => {
    const leaked = secretsCorpus.filter((sample) => {
      const scrubbed = JSON.stringify(scrubber.scrubEvent(eventCarrying(sample.text)));
      return scrubbed.includes(sample.secret) || scrubbed.includes(encodeURIComponent(sample.secret));
    });
    expect(leaked.map((sample) => sample.name)).toEqual([]);
  });

  it("masks credentials by key, keeps cookie names only and drops the user's IP", () => {
    const event = scrubber.scrubEvent(eventCarrying("hello")) as Event;
    const text = JSON.stringify(event);
    for (const secret of ["Bearer abc.def.ghi", "s3cr3t", "hunter2-hunter2", "t0k3n-value", "203.0.113.9"]) {
      expect(text).not.toContain(secret);
    }
    expect(event.request?.cookies).toEqual({ sid: "[REDACTED]" });
    expect(event.request?.headers).not.toHaveProperty("cookie");
    expect(event.user).toEqual({ id: "u1", email: "a@example.com" });
    expect(event.message).toBe("hello");
  });

  it("scrubs breadcrumbs and streamed spans", () => {
    const sample = secretsCorpus[0];
    if (!sample) throw new Error("empty corpus");
    expect(JSON.stringify(scrubber.scrubBreadcrumb({ message: sample.text }))).not.toContain(sample.secret);
    const span = scrubber.scrubStreamedSpan({ name: sample.text, attributes: { note: sample.text } });
    expect(JSON.stringify(span)).not.toContain(sample.secret);
  });
});
