import { neutralizeLogInjection, REDACTED, type RedactionPolicy } from "@periscope/redact";
import { isErrorLike, serializeError } from "./error-fields.js";

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export interface SanitizeLimits {
  /** Strings longer than this are cut, with a note of how much was left out. */
  readonly maxStringLength: number;
  /** Objects nested deeper than this are written as "[Object]". */
  readonly maxDepth: number;
  /** Arrays, maps and objects keep at most this many entries. */
  readonly maxEntries: number;
}

// Redaction scans a little past the cut so a secret straddling it is still recognised.
const SCAN_MARGIN = 256;
const KEY_CACHE_LIMIT = 2000;

/**
 * Turns anything a caller logs into JSON-safe values, redacted and on one line: sensitive keys
 * masked, secrets in strings masked, CR/LF/U+2028/U+2029/U+0085/ANSI neutralised, long strings cut,
 * cycles, BigInts, throwing getters and hostile proxies survived.
 */
export class Sanitizer {
  // A field name maps to its safe spelling, or to null when its value must be masked.
  private readonly keys = new Map<string, string | null>();
  private readonly mask: string;

  constructor(
    private readonly policy: RedactionPolicy,
    readonly limits: SanitizeLimits,
  ) {
    this.mask = maskOf(policy);
  }

  text(value: string): string {
    const max = this.limits.maxStringLength;
    const scanned = value.length > max + SCAN_MARGIN ? value.slice(0, max + SCAN_MARGIN) : value;
    const safe = neutralizeLogInjection(this.policy.redactString(scanned));
    return safe.length > max ? `${safe.slice(0, max)}…[truncated ${value.length - max} chars]` : safe;
  }

  /** A request path or URL: `redactUrl` of the policy (parameters masked by name), then one line and cut like text. */
  url(value: string): string {
    const max = this.limits.maxStringLength;
    const safe = neutralizeLogInjection(this.policy.redactUrl(value));
    return safe.length > max ? `${safe.slice(0, max)}…[truncated ${safe.length - max} chars]` : safe;
  }

  /** The safe spelling of a field name, or null when the field holds a secret. */
  key(name: string): string | null {
    const cached = this.keys.get(name);
    if (cached !== undefined) return cached;
    const safe = this.policy.isSensitiveKey(name)
      ? null
      : neutralizeLogInjection(name.slice(0, this.limits.maxStringLength));
    if (this.keys.size >= KEY_CACHE_LIMIT) this.keys.clear();
    this.keys.set(name, safe);
    return safe;
  }

  value(value: unknown, depth = 0, ancestors: object[] = []): JsonValue | undefined {
    switch (typeof value) {
      case "string":
        return this.text(value);
      case "number":
        return Number.isFinite(value) ? value : String(value);
      case "boolean":
        return value;
      case "bigint":
        return value.toString();
      case "undefined":
        return undefined;
      case "symbol":
        return this.text(value.toString());
      case "function":
        return `[Function ${this.text(value.name || "anonymous")}]`;
      default:
        return value === null ? null : this.object(value as object, depth, ancestors);
    }
  }

  /** Copies the fields of `source` into `target`, sanitised; `rename` keeps reserved names apart. */
  assignFields(
    target: JsonObject,
    source: object,
    depth: number,
    ancestors: object[],
    rename?: (key: string) => string,
  ): void {
    let keys: string[];
    try {
      keys = Object.keys(source);
    } catch (error) {
      target.unserializable_fields = this.thrown(error);
      return;
    }
    const count = Math.min(keys.length, this.limits.maxEntries);
    for (let index = 0; index < count; index++) {
      const name = keys[index] as string;
      const key = this.key(name);
      const targetKey = rename ? rename(key ?? name) : (key ?? name);
      if (key === null) {
        target[targetKey] = this.mask;
        continue;
      }
      let field: JsonValue | undefined;
      try {
        field = this.value((source as Record<string, unknown>)[name], depth + 1, ancestors);
      } catch (error) {
        field = this.thrown(error);
      }
      if (field !== undefined) target[targetKey] = field;
    }
    if (keys.length > count) target["…"] = `${keys.length - count} more fields`;
  }

  private object(value: object, depth: number, ancestors: object[]): JsonValue {
    if (ancestors.includes(value)) return "[Circular]";
    if (depth >= this.limits.maxDepth) return Array.isArray(value) ? "[Array]" : "[Object]";
    ancestors.push(value);
    try {
      return this.objectInside(value, depth, ancestors);
    } catch (error) {
      return this.thrown(error);
    } finally {
      ancestors.pop();
    }
  }

  private objectInside(value: object, depth: number, ancestors: object[]): JsonValue {
    if (isErrorLike(value)) return serializeError(value, this, depth, ancestors);
    if (value instanceof Date) return Number.isNaN(value.getTime()) ? "Invalid Date" : value.toISOString();
    if (ArrayBuffer.isView(value)) return `[${value.constructor.name} ${value.byteLength} bytes]`;
    if (Array.isArray(value)) return this.list(value, depth, ancestors);
    if (value instanceof Set) return this.list([...value], depth, ancestors);
    if (value instanceof Map) {
      const entries: JsonObject = {};
      this.assignFields(
        entries,
        Object.fromEntries([...value].map(([key, item]) => [String(key), item])),
        depth,
        ancestors,
      );
      return entries;
    }
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === "function") return this.value(toJSON.call(value), depth + 1, ancestors) ?? null;
    const fields: JsonObject = {};
    this.assignFields(fields, value, depth, ancestors);
    return fields;
  }

  private list(items: readonly unknown[], depth: number, ancestors: object[]): JsonValue[] {
    const count = Math.min(items.length, this.limits.maxEntries);
    const out: JsonValue[] = [];
    for (let index = 0; index < count; index++) {
      let item: JsonValue | undefined;
      try {
        item = this.value(items[index], depth + 1, ancestors);
      } catch (error) {
        item = this.thrown(error);
      }
      out.push(item ?? null);
    }
    if (items.length > count) out.push(`…${items.length - count} more items`);
    return out;
  }

  /** A placeholder for a value that threw while being read (a getter, a proxy trap). */
  thrown(error: unknown): string {
    let reason = "unknown error";
    try {
      reason = error instanceof Error ? error.message : String(error);
    } catch {
      // The error itself is hostile: keep the placeholder.
    }
    return `[Unserializable: ${this.text(reason)}]`;
  }
}

/** The mask the policy writes over a secret (its `mask` option), learnt once from a key every policy masks. */
function maskOf(policy: RedactionPolicy): string {
  try {
    const masked = policy.redact({ password: "periscope-probe" }).password;
    return typeof masked === "string" && masked !== "periscope-probe" ? masked : REDACTED;
  } catch {
    return REDACTED;
  }
}
