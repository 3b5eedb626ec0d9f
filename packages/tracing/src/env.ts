/** Readers for `OTEL_*` values. Each returns `undefined` for unset/blank and reports bad values through `warn`. */

export type Environment = Readonly<Record<string, string | undefined>>;
export type Warn = (message: string) => void;

export function readString(env: Environment, name: string): string | undefined {
  const raw = env[name]?.trim();
  return raw === undefined || raw === "" ? undefined : raw;
}

export function readBoolean(env: Environment, name: string, warn: Warn): boolean | undefined {
  const raw = readString(env, name)?.toLowerCase();
  if (raw === undefined) return undefined;
  if (raw === "true") return true;
  if (raw === "false") return false;
  warn(`${name}="${env[name]}" is not "true" or "false"; ignoring it`);
  return undefined;
}

/** A whole number >= `min`, as the BSP and limit variables require. */
export function readInteger(env: Environment, name: string, warn: Warn, min = 0): number | undefined {
  const raw = readString(env, name);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < min) {
    warn(`${name}="${raw}" is not a whole number >= ${min}; using the default`);
    return undefined;
  }
  return value;
}

export function readRatio(env: Environment, name: string, warn: Warn): number | undefined {
  const raw = readString(env, name);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || value > 1) {
    warn(`${name}="${raw}" is not a number between 0 and 1; using the default`);
    return undefined;
  }
  return value;
}

/** An absolute http(s) URL. */
export function readUrl(env: Environment, name: string, warn: Warn): string | undefined {
  const raw = readString(env, name);
  if (raw === undefined) return undefined;
  if (!isHttpUrl(raw)) {
    warn(`${name}="${raw}" is not an http(s) URL; ignoring it`);
    return undefined;
  }
  return raw;
}

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}

/**
 * `key1=value1,key2=value2` with percent-encoded values, the format of OTEL_RESOURCE_ATTRIBUTES and
 * OTEL_EXPORTER_OTLP_HEADERS. Malformed entries are skipped with a warning; the rest are kept.
 */
export function readKeyValueList(env: Environment, name: string, warn: Warn): Record<string, string> | undefined {
  const raw = readString(env, name);
  if (raw === undefined) return undefined;
  const result: Record<string, string> = {};
  for (const entry of raw.split(",")) {
    if (entry.trim() === "") continue;
    const separator = entry.indexOf("=");
    const key = separator === -1 ? "" : entry.slice(0, separator).trim();
    if (key === "") {
      warn(`${name} has an entry without "key=value" ("${entry.trim()}"); skipping it`);
      continue;
    }
    try {
      result[key] = decodeURIComponent(entry.slice(separator + 1).trim());
    } catch {
      warn(`${name} has a badly percent-encoded value for "${key}"; skipping it`);
    }
  }
  return result;
}

/** A comma-separated list of lower-cased names (OTEL_TRACES_EXPORTER). */
export function readList(env: Environment, name: string): string[] | undefined {
  const raw = readString(env, name);
  if (raw === undefined) return undefined;
  const items = raw
    .split(",")
    .map((item) => item.trim().toLowerCase())
    .filter((item) => item !== "");
  return items.length === 0 ? undefined : [...new Set(items)];
}
