import type { Attributes, AttributeValue, Context, Link } from "@opentelemetry/api";
import type { ReadableSpan, Span, SpanProcessor, TimedEvent } from "@opentelemetry/sdk-trace-base";
import type { RedactionPolicy } from "@periscope/redact";
import { DEFAULT_ATTRIBUTE_COUNT_LIMIT, DEFAULT_ATTRIBUTE_VALUE_LENGTH_LIMIT } from "./config.js";

export interface RedactingSpanProcessorOptions {
  /** A policy of @periscope/redact (`createRedactionPolicy()`); its mask replaces values under sensitive keys. */
  policy: RedactionPolicy;
  /** The most attributes kept per span, event and link; default 128. */
  maxAttributes?: number;
  /** Longer string values are cut to this length (after redaction); default 4096. */
  maxValueLength?: number;
}

/** Attribute keys whose values are URLs or URL parts: their query strings are redacted as such. */
const urlKeys = new Set(["url.full", "url.path", "url.query", "http.url", "http.target", "url.original"]);

/**
 * Redacts every span before the processor behind it (the exporting one) sees it: values under sensitive
 * keys are masked, secrets inside other string values are replaced, and attribute count and length are
 * bounded, for span attributes, event attributes (exception messages and stacks) and link attributes.
 * The SDK's spans are read-only once ended, so the processor behind receives a redacted copy; a span with
 * nothing to redact is passed through as is.
 */
export class RedactingSpanProcessor implements SpanProcessor {
  private readonly policy: RedactionPolicy;
  private readonly maxAttributes: number;
  private readonly maxValueLength: number;

  constructor(
    private readonly next: SpanProcessor,
    options: RedactingSpanProcessorOptions,
  ) {
    this.policy = options.policy;
    this.maxAttributes = options.maxAttributes ?? DEFAULT_ATTRIBUTE_COUNT_LIMIT;
    this.maxValueLength = options.maxValueLength ?? DEFAULT_ATTRIBUTE_VALUE_LENGTH_LIMIT;
  }

  onStart(span: Span, parentContext: Context): void {
    this.next.onStart(span, parentContext);
  }

  onEnd(span: ReadableSpan): void {
    this.next.onEnd(this.redactSpan(span));
  }

  forceFlush(): Promise<void> {
    return this.next.forceFlush();
  }

  shutdown(): Promise<void> {
    return this.next.shutdown();
  }

  redactSpan(span: ReadableSpan): ReadableSpan {
    const attributes = this.redactAttributes(span.attributes);
    const events = this.redactEvents(span.events);
    const links = this.redactLinks(span.links);
    const name = this.policy.redactString(span.name);
    const statusMessage = span.status.message === undefined ? undefined : this.policy.redactString(span.status.message);
    if (
      attributes === undefined &&
      events === undefined &&
      links === undefined &&
      name === span.name &&
      statusMessage === span.status.message
    ) {
      return span;
    }
    const redacted: ReadableSpan = {
      name,
      kind: span.kind,
      spanContext: () => span.spanContext(),
      parentSpanContext: span.parentSpanContext,
      startTime: span.startTime,
      endTime: span.endTime,
      status: statusMessage === span.status.message ? span.status : { ...span.status, message: statusMessage },
      attributes: attributes?.values ?? span.attributes,
      links: links ?? span.links,
      events: events ?? span.events,
      duration: span.duration,
      ended: span.ended,
      resource: span.resource,
      instrumentationScope: span.instrumentationScope,
      droppedAttributesCount: span.droppedAttributesCount + (attributes?.dropped ?? 0),
      droppedEventsCount: span.droppedEventsCount,
      droppedLinksCount: span.droppedLinksCount,
    };
    return redacted;
  }

  /** The redacted attributes and how many were dropped, or undefined when nothing changes. */
  private redactAttributes(attributes: Attributes | undefined): { values: Attributes; dropped: number } | undefined {
    if (attributes === undefined) return undefined;
    let result: Attributes | undefined;
    let count = 0;
    let dropped = 0;
    for (const key in attributes) {
      const value = attributes[key];
      if (count >= this.maxAttributes) {
        result ??= copyFirst(attributes, count);
        dropped++;
        continue;
      }
      count++;
      const redacted = this.redactValue(key, value);
      if (redacted !== value) {
        result ??= copyFirst(attributes, count - 1);
      }
      if (result) result[key] = redacted;
    }
    return result ? { values: result, dropped } : undefined;
  }

  private redactValue(key: string, value: AttributeValue | undefined): AttributeValue | undefined {
    if (value === undefined || value === null) return value;
    if (this.policy.isSensitiveKey(key)) return this.policy.redact({ [key]: value })[key];
    if (typeof value === "string") return this.redactText(key, value);
    if (!Array.isArray(value)) return value;
    let changed = false;
    const items = value.map((item) => {
      if (typeof item !== "string") return item;
      const redacted = this.redactText(key, item);
      if (redacted !== item) changed = true;
      return redacted;
    });
    return changed ? (items as AttributeValue) : value;
  }

  private redactText(key: string, text: string): string {
    const redacted = urlKeys.has(key) ? this.policy.redactUrl(text) : this.policy.redactString(text);
    return redacted.length > this.maxValueLength ? redacted.slice(0, this.maxValueLength) : redacted;
  }

  private redactEvents(events: TimedEvent[]): TimedEvent[] | undefined {
    let result: TimedEvent[] | undefined;
    events.forEach((event, index) => {
      const attributes = this.redactAttributes(event.attributes);
      const name = this.policy.redactString(event.name);
      if (attributes === undefined && name === event.name) return;
      result ??= events.slice();
      result[index] = {
        ...event,
        name,
        attributes: attributes?.values ?? event.attributes,
        droppedAttributesCount: (event.droppedAttributesCount ?? 0) + (attributes?.dropped ?? 0),
      };
    });
    return result;
  }

  private redactLinks(links: Link[]): Link[] | undefined {
    let result: Link[] | undefined;
    links.forEach((link, index) => {
      const attributes = this.redactAttributes(link.attributes);
      if (attributes === undefined) return;
      result ??= links.slice();
      result[index] = {
        ...link,
        attributes: attributes.values,
        droppedAttributesCount: (link.droppedAttributesCount ?? 0) + attributes.dropped,
      };
    });
    return result;
  }
}

/** A copy of the first `count` attributes, in order. */
function copyFirst(attributes: Attributes, count: number): Attributes {
  const copy: Attributes = {};
  let index = 0;
  for (const key in attributes) {
    if (index++ >= count) break;
    copy[key] = attributes[key];
  }
  return copy;
}
