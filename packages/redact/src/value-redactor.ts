import { CIRCULAR, TRUNCATED, UNREADABLE } from "./constants.js";
import type { KeyMatcher } from "./key-matcher.js";

export interface ValueRedactorOptions {
  isSensitiveKey: KeyMatcher;
  redactString: (text: string) => string;
  redactUrl: (url: string) => string;
  mask: string;
  maxDepth: number;
}

// Keys this long or longer go through the string detectors: shorter ones cannot hold a secret
// that any detector recognises (the shortest is a 13-digit card number).
const shortestSecretKey = 13;

function assign(target: object, key: PropertyKey, value: unknown): void {
  if (key === "__proto__") {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    (target as Record<PropertyKey, unknown>)[key] = value;
  }
}

function isPlainPrototype(prototype: unknown): boolean {
  return prototype === null || prototype === Object.prototype;
}

function binarySummary(value: object): string | undefined {
  if (typeof Buffer !== "undefined" && Buffer.isBuffer(value)) return `[Buffer ${value.length} bytes]`;
  if (ArrayBuffer.isView(value)) return `[${value.constructor?.name ?? "TypedArray"} ${value.byteLength} bytes]`;
  if (value instanceof ArrayBuffer) return `[ArrayBuffer ${value.byteLength} bytes]`;
  if (typeof SharedArrayBuffer !== "undefined" && value instanceof SharedArrayBuffer) {
    return `[SharedArrayBuffer ${value.byteLength} bytes]`;
  }
  return undefined;
}

function isOpaque(value: object): boolean {
  return value instanceof Promise || value instanceof WeakMap || value instanceof WeakSet || value instanceof WeakRef;
}

/**
 * The deep copy behind `policy.redact()`. Objects become plain objects of their own enumerable
 * properties (symbol keys included, which winston's info objects rely on); arrays, Maps, Sets, Dates
 * and Errors keep their kind; binary data is summarised; reading failures become "[Unreadable]".
 */
export function createValueRedactor(options: ValueRedactorOptions): (value: unknown) => unknown {
  const { isSensitiveKey, redactString, redactUrl, mask, maxDepth } = options;

  // null, undefined and booleans hide nothing ("hasPassword": true stays readable).
  const maskUnder = (key: unknown, value: unknown): boolean =>
    typeof key === "string" &&
    value !== undefined &&
    value !== null &&
    typeof value !== "boolean" &&
    isSensitiveKey(key);

  const redactKey = (key: string): string => (key.length >= shortestSecretKey ? redactString(key) : key);

  function read(source: object, key: PropertyKey): unknown {
    try {
      return (source as Record<PropertyKey, unknown>)[key];
    } catch {
      return UNREADABLE;
    }
  }

  function copyProperties(source: object, target: object, depth: number, ancestors: Set<object>, skip?: Set<string>) {
    for (const key of Object.keys(source)) {
      if (skip?.has(key)) continue;
      const value = read(source, key);
      assign(target, redactKey(key), maskUnder(key, value) ? mask : walk(value, depth + 1, ancestors));
    }
    for (const symbol of Object.getOwnPropertySymbols(source)) {
      if (!Object.prototype.propertyIsEnumerable.call(source, symbol)) continue;
      assign(target, symbol, walk(read(source, symbol), depth + 1, ancestors));
    }
  }

  function copyError(error: Error, depth: number, ancestors: Set<object>): Error {
    const copy = Object.create(Error.prototype) as Error;
    for (const key of ["name", "message", "stack"]) {
      const value = read(error, key);
      if (value !== undefined)
        assign(copy, key, typeof value === "string" ? redactString(value) : walk(value, depth + 1, ancestors));
    }
    for (const key of ["cause", "errors"]) {
      if (Object.hasOwn(error, key)) assign(copy, key, walk(read(error, key), depth + 1, ancestors));
    }
    copyProperties(error, copy, depth, ancestors, new Set(["name", "message", "stack", "cause", "errors"]));
    return copy;
  }

  function copyObject(value: object, depth: number, ancestors: Set<object>): unknown {
    const binary = binarySummary(value);
    if (binary !== undefined) return binary;
    if (Array.isArray(value)) {
      const copy: unknown[] = new Array(value.length);
      for (let index = 0; index < value.length; index += 1)
        copy[index] = walk(read(value, index), depth + 1, ancestors);
      return copy;
    }
    if (value instanceof String) return redactString(value.valueOf());
    if (value instanceof Number || value instanceof Boolean) return value.valueOf();
    if (value instanceof Date) return new Date(value.getTime());
    if (value instanceof RegExp) return new RegExp(value.source, value.flags);
    if (value instanceof URL) return redactUrl(value.href);
    if (value instanceof Error) return copyError(value, depth, ancestors);
    if (value instanceof Map) {
      const copy = new Map<unknown, unknown>();
      for (const [key, entry] of value) {
        const copiedKey = typeof key === "string" ? redactKey(key) : walk(key, depth + 1, ancestors);
        copy.set(copiedKey, maskUnder(key, entry) ? mask : walk(entry, depth + 1, ancestors));
      }
      return copy;
    }
    if (value instanceof Set) {
      const copy = new Set<unknown>();
      for (const entry of value) copy.add(walk(entry, depth + 1, ancestors));
      return copy;
    }
    if (isOpaque(value)) return value;
    const prototype = Object.getPrototypeOf(value);
    const toJSON = read(value, "toJSON");
    if (!isPlainPrototype(prototype) && typeof toJSON === "function") {
      const json: unknown = toJSON.call(value);
      if (json !== value) return walk(json, depth, ancestors);
    }
    const copy = {};
    copyProperties(value, copy, depth, ancestors);
    return copy;
  }

  function walk(value: unknown, depth: number, ancestors: Set<object>): unknown {
    if (typeof value === "string") return redactString(value);
    if (typeof value !== "object" || value === null) return value;
    if (depth > maxDepth) return TRUNCATED;
    if (ancestors.has(value)) return CIRCULAR;
    ancestors.add(value);
    try {
      return copyObject(value, depth, ancestors);
    } catch {
      return UNREADABLE;
    } finally {
      ancestors.delete(value);
    }
  }

  return (value) => {
    try {
      return walk(value, 0, new Set());
    } catch {
      return mask;
    }
  };
}
