import type { RedactionPolicy } from "@periscope/redact";
import type { Breadcrumb, Event } from "@sentry/node";

/**
 * Scrubs an event in place through the redaction policy: request (url, query, headers, cookies, body),
 * extra, contexts, tags, user, breadcrumbs, exception values, messages and span data.
 * Never throws: a part that cannot be scrubbed is removed.
 */
export function createEventScrubber(policy: RedactionPolicy) {
  const mask = maskOf(policy);

  function safely<T>(value: T, scrub: (value: T) => T): T | undefined {
    try {
      return scrub(value);
    } catch {
      return undefined;
    }
  }

  const text = (value: unknown): unknown => (typeof value === "string" ? policy.redactString(value) : value);
  const deep = <T>(value: T): T => (value === undefined ? value : policy.redact(value));

  function scrubQuery(query: unknown): unknown {
    if (typeof query === "string") {
      const redacted = policy.redactUrl(`http://x/?${query.replace(/^\?/, "")}`);
      return redacted.slice(redacted.indexOf("?") + 1);
    }
    return deep(query);
  }

  function scrubBreadcrumb(breadcrumb: Breadcrumb): Breadcrumb {
    const result: Breadcrumb = { ...breadcrumb };
    if (typeof result.message === "string") result.message = policy.redactString(result.message);
    if (result.data) {
      const data = deep(result.data);
      if (typeof data.url === "string") data.url = policy.redactUrl(data.url);
      result.data = data;
    }
    return result;
  }

  function scrubRequest(event: Event): void {
    const request = event.request;
    if (!request) return;
    if (typeof request.url === "string") request.url = policy.redactUrl(request.url);
    if (request.query_string !== undefined) {
      request.query_string = scrubQuery(request.query_string) as typeof request.query_string;
    }
    if (request.headers) {
      const { cookie: _cookie, ...headers } = request.headers as Record<string, string>;
      request.headers = policy.redactHeaders(headers);
    }
    // Cookie values are session credentials more often than not: only their names are kept.
    if (request.cookies) {
      request.cookies = Object.fromEntries(Object.keys(request.cookies).map((name) => [name, mask]));
    }
    if (request.data !== undefined)
      request.data = typeof request.data === "string" ? text(request.data) : deep(request.data);
    if (request.env) request.env = deep(request.env);
  }

  function scrubException(event: Event): void {
    for (const value of event.exception?.values ?? []) {
      if (typeof value.value === "string") value.value = policy.redactString(value.value);
      for (const frame of value.stacktrace?.frames ?? []) {
        if (frame.vars) frame.vars = deep(frame.vars);
      }
    }
  }

  function scrubEvent<E extends Event>(event: E): E {
    const parts: [keyof Event, () => void][] = [
      ["request", () => scrubRequest(event)],
      ["exception", () => scrubException(event)],
      ["message", () => (event.message = text(event.message) as string | undefined)],
      ["logentry", () => (event.logentry = deep(event.logentry))],
      ["extra", () => (event.extra = deep(event.extra))],
      ["contexts", () => (event.contexts = deep(event.contexts))],
      ["tags", () => (event.tags = deep(event.tags))],
      ["user", () => (event.user = scrubUser(event.user, deep))],
      ["breadcrumbs", () => (event.breadcrumbs = event.breadcrumbs?.map(scrubBreadcrumb))],
      ["spans", () => (event.spans = deep(event.spans))],
    ];
    for (const [name, scrub] of parts) {
      if (event[name] === undefined) continue;
      try {
        scrub();
      } catch {
        // What cannot be scrubbed is not sent.
        delete event[name];
      }
    }
    return event;
  }

  /** A span streamed to Sentry (tracing on): its name and attributes. */
  function scrubStreamedSpan<S extends { name: string; attributes?: Record<string, unknown> }>(span: S): S {
    try {
      return { ...span, name: policy.redactString(span.name), attributes: deep(span.attributes) };
    } catch {
      return { ...span, attributes: {} };
    }
  }

  return {
    scrubStreamedSpan,
    scrubEvent: (event: Event) => safely(event, scrubEvent) ?? null,
    scrubBreadcrumb: (breadcrumb: Breadcrumb) => safely(breadcrumb, scrubBreadcrumb) ?? null,
  };
}

/** The IP address is personal data and is dropped; the rest goes through the policy. */
function scrubUser(user: Event["user"], deep: <T>(value: T) => T): Event["user"] {
  if (!user) return user;
  const { ip_address: _ip, ...rest } = user;
  return deep(rest);
}

function maskOf(policy: RedactionPolicy): string {
  return String(policy.redact({ password: "x" }).password);
}
