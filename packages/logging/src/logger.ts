import type { RedactionPolicy } from "@periscope/redact";
import type winston from "winston";
import type { ErrorHandler } from "./error-reporter.js";
import { LEVEL, RECORD_INPUT } from "./format.js";
import { bindFields, type RecordInput, safeId } from "./record.js";
import { renderJsonLine } from "./render.js";
import { getRequestId } from "./request-context.js";
import type { JsonObject, Sanitizer } from "./sanitize.js";
import { isLogLevel, LOG_LEVELS, type LogLevel } from "./settings.js";
import { isoTimestamp } from "./timestamp.js";
import type { TraceIds, TraceSource } from "./trace-context.js";

/** @internal The request log's way in: see `Logger[LOG_SAFE]`. */
export const LOG_SAFE = Symbol("periscope.logging.logSafe");
/** @internal */
export const SANITIZER = Symbol("periscope.logging.sanitizer");

/** Fields of a record: anything JSON-like; hostile values are made safe, never thrown on. */
export type LogFields = Record<string, unknown>;

/**
 * `logger.info("task created", { task_id })`, `logger.error("sync failed", error)`,
 * `logger.error(error)` or `logger.warn({ queue_depth })`.
 */
export type LogMethod = (message: string | Error | LogFields, fields?: LogFields | Error) => void;

/** The correlation ids of the current moment. */
export interface ContextFields {
  request_id?: string;
  trace_id?: string;
  span_id?: string;
}

/** What a logger and its children share. */
export interface LoggerCore {
  readonly winston: winston.Logger;
  readonly service: string;
  readonly redaction: RedactionPolicy;
  readonly sanitizer: Sanitizer;
  readonly traceSource: TraceSource | undefined;
  readonly onError: ErrorHandler;
  /** Records dropped or lost so far by the logger's own destination and file writers. */
  droppedRecords(): number;
  /** Hands a log call's info object to winston (or straight to the destination, see createLogger). */
  emit(info: winston.LogEntry): void;
  /** With JSON lines: writes a rendered line straight to the destination if that is where records go; else false. */
  writeJsonLine: ((line: string) => boolean) | undefined;
  closed: boolean;
  shutdown(): Promise<void>;
}

/** The handle `createLogger()` returns: log methods, `child()`, the winston logger beneath, `shutdown()`. */
export class Logger {
  readonly error: LogMethod = (message, fields) => this.log("error", message, fields);
  readonly warn: LogMethod = (message, fields) => this.log("warn", message, fields);
  readonly info: LogMethod = (message, fields) => this.log("info", message, fields);
  readonly http: LogMethod = (message, fields) => this.log("http", message, fields);
  readonly verbose: LogMethod = (message, fields) => this.log("verbose", message, fields);
  readonly debug: LogMethod = (message, fields) => this.log("debug", message, fields);
  readonly silly: LogMethod = (message, fields) => this.log("silly", message, fields);

  /** @internal Use `createLogger()`. */
  constructor(
    private readonly core: LoggerCore,
    private readonly bound: JsonObject | undefined,
  ) {}

  /** The winston logger beneath, for `add()`, `profile()` and libraries that want one. Records written straight to it get the same format. */
  get winston(): winston.Logger {
    return this.core.winston;
  }

  get service(): string {
    return this.core.service;
  }

  /** The redaction policy applied to every record. */
  get redaction(): RedactionPolicy {
    return this.core.redaction;
  }

  /** @internal What the request log sanitises its path with. */
  get [SANITIZER](): Sanitizer {
    return this.core.sanitizer;
  }

  /** The lowest level written; setting it changes it for the parent and every child. */
  get level(): LogLevel {
    return this.core.winston.level as LogLevel;
  }

  set level(level: LogLevel) {
    if (!isLogLevel(level)) {
      throw new Error(
        `@periscope/logging: invalid log level ${JSON.stringify(level)}; use one of ${Object.keys(LOG_LEVELS).join(", ")}.`,
      );
    }
    this.core.winston.level = level;
  }

  isLevelEnabled(level: LogLevel): boolean {
    return this.core.winston.isLevelEnabled(level);
  }

  /** Writes one record. Never throws: a failure goes to `onError`. Records after `shutdown()` are dropped. */
  log(level: LogLevel, message: string | Error | LogFields, fields?: LogFields | Error): void {
    this.write(level, message, fields, getRequestId(), this.core.traceSource?.(), undefined);
  }

  /**
   * @internal The request log's record: ids captured when the request came in, a `message` and
   * `safe` fields this package produced, already JSON-safe and redacted, copied into the record as
   * they are. With JSON lines to the destination alone, the line is written without a record object.
   */
  [LOG_SAFE](level: LogLevel, message: string, context: ContextFields, safe: JsonObject): void {
    const core = this.core;
    // The line goes straight to the destination only when no transport has a level of its own (see createLogger),
    // so the logger's level decides; winston's isLevelEnabled allocates its transport list on every call. A level
    // this check turns away takes the general path below, which asks winston.
    if (
      this.bound === undefined &&
      core.writeJsonLine !== undefined &&
      !core.closed &&
      LOG_LEVELS[level] <= LOG_LEVELS[core.winston.level as LogLevel]
    ) {
      try {
        const ids: ContextFields = {};
        if (context.request_id !== undefined) ids.request_id = safeId(context.request_id, core.sanitizer);
        if (context.trace_id !== undefined) ids.trace_id = safeId(context.trace_id, core.sanitizer);
        if (context.span_id !== undefined) ids.span_id = safeId(context.span_id, core.sanitizer);
        // Only when the line goes straight to the destination (see createLogger); else the general path.
        if (core.writeJsonLine(renderJsonLine(isoTimestamp(), level, message, core.service, ids, safe))) return;
      } catch (error) {
        core.onError(error);
        return;
      }
    }
    const traceIds = context.trace_id === undefined ? undefined : (context as TraceIds);
    this.write(level, message, undefined, context.request_id, traceIds, safe);
  }

  private write(
    level: LogLevel,
    message: string | Error | LogFields,
    fields: LogFields | Error | undefined,
    requestId: string | undefined,
    traceIds: TraceIds | undefined,
    safe: JsonObject | undefined,
  ): void {
    const core = this.core;
    if (core.closed) return;
    try {
      if (!core.winston.isLevelEnabled(level)) return;
      const input: RecordInput = {
        level,
        message,
        timestamp: isoTimestamp(),
        requestId,
        traceIds,
        bound: this.bound,
        fields,
        safe,
      };
      core.emit({
        level,
        message: typeof message === "string" ? message : "",
        [LEVEL]: level,
        [RECORD_INPUT]: input,
      } as winston.LogEntry);
    } catch (error) {
      core.onError(error);
    }
  }

  /**
   * Records that never reached the destination stream or the log file: dropped while they could not
   * keep up (beyond `maxBufferedBytes`), or lost to a failed write. Each loss is also reported through
   * `onError`; this count is what a metric or a test reads.
   */
  droppedRecords(): number {
    return this.core.droppedRecords();
  }

  /** The request_id, trace_id and span_id a record written now would carry (only those known). */
  contextFields(): ContextFields {
    const fields: ContextFields = {};
    const requestId = getRequestId();
    if (requestId !== undefined) fields.request_id = requestId;
    const traceIds = this.core.traceSource?.();
    if (traceIds) {
      fields.trace_id = traceIds.trace_id;
      fields.span_id = traceIds.span_id;
    }
    return fields;
  }

  /** A logger whose records all carry `fields` (redacted once, now); it shares transports and shutdown. */
  child(fields: LogFields): Logger {
    const own = typeof fields === "object" && fields !== null ? bindFields(fields, this.core.sanitizer) : {};
    return new Logger(this.core, this.bound ? { ...this.bound, ...own } : own);
  }

  /** Flushes every transport (with a deadline) and stops writing. Safe to call twice, from any child. */
  shutdown(): Promise<void> {
    return this.core.shutdown();
  }
}
