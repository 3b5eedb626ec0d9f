import type winston from "winston";
import { isErrorLike } from "./error-fields.js";
import { buildRecord, type RecordInput } from "./record.js";
import { renderRecord } from "./render.js";
import { getRequestId } from "./request-context.js";
import type { JsonObject, Sanitizer } from "./sanitize.js";
import type { LogFormat } from "./settings.js";
import { isoTimestamp } from "./timestamp.js";
import type { TraceSource } from "./trace-context.js";

// triple-beam's symbols, shared by winston, logform and every transport.
export const LEVEL = Symbol.for("level");
export const MESSAGE = Symbol.for("message");
const SPLAT = Symbol.for("splat");

/** Where a log call of this package puts its captured input on the info object. */
export const RECORD_INPUT = Symbol.for("periscope.logging.recordInput");

export interface FormatConfig {
  readonly service: string;
  readonly format: LogFormat;
  readonly colors: boolean;
  readonly sanitizer: Sanitizer;
  readonly traceSource: TraceSource | undefined;
  readonly onError: (error: unknown) => void;
}

type Info = Record<string | symbol, unknown>;

/**
 * The one winston format of the logger: builds the redacted record once and renders its line
 * once (info[MESSAGE]), instead of a chain of formats each walking the record. Transports get the
 * redacted record as their info, so a transport of yours never sees a secret either.
 */
export function periscopeFormat(config: FormatConfig): winston.Logform.Format {
  return {
    transform(info: Info) {
      let record: JsonObject;
      try {
        const input = (info[RECORD_INPUT] as RecordInput | undefined) ?? inputFromWinston(info, config.traceSource);
        record = buildRecord(input, config.service, config.sanitizer);
        if (isErrorLike(info) && typeof record.error === "object" && record.error !== null) {
          delete (record.error as JsonObject).level;
        }
      } catch (error) {
        config.onError(error);
        record = {
          timestamp: isoTimestamp(),
          level: String(info.level),
          message: "[log record could not be built]",
          service: config.service,
        };
      }
      const out = record as Info;
      out[LEVEL] = info[LEVEL] ?? info.level;
      out[MESSAGE] = renderRecord(record, config.format, config.colors);
      return out as winston.Logform.TransformableInfo;
    },
  } as winston.Logform.Format;
}

/**
 * A record from a call straight on the winston logger (`handle.winston.error("failed", error)`):
 * winston has already merged the metadata, so the error given is recovered from its splat.
 */
function inputFromWinston(info: Info, traceSource: TraceSource | undefined): RecordInput {
  const base = {
    level: String(info.level),
    timestamp: isoTimestamp(),
    requestId: getRequestId(),
    traceIds: traceSource?.(),
    bound: undefined,
  };
  if (isErrorLike(info)) return { ...base, message: info, fields: undefined };
  const splat = info[SPLAT];
  const meta = Array.isArray(splat) ? (splat[0] as unknown) : undefined;
  const error = typeof meta === "object" && meta !== null && isErrorLike(meta) ? meta : undefined;
  let message = info.message;
  const skip = new Set(["level", "message"]);
  if (error) {
    for (const key of ["stack", "cause", ...Object.keys(error)]) skip.add(key);
    const suffix = ` ${String(error.message)}`;
    if (typeof message === "string" && message.endsWith(suffix)) message = message.slice(0, -suffix.length);
  }
  const fields: Record<string, unknown> = {};
  for (const key of Object.keys(info)) if (!skip.has(key)) fields[key] = info[key];
  if (error) fields.error = error;
  return { ...base, message, fields };
}
