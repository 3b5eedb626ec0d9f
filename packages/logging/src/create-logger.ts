import { createRedactionPolicy, type RedactionPolicy } from "@periscope/redact";
import winston from "winston";
import { DestinationTransport } from "./destination-transport.js";
import { type ErrorHandler, rateLimited } from "./error-reporter.js";
import { type FileOptions, FileTransport } from "./file-transport.js";
import { periscopeFormat } from "./format.js";
import { Logger, type LoggerCore } from "./logger.js";
import { Sanitizer } from "./sanitize.js";
import {
  LOG_LEVELS,
  type LogFormat,
  type LogLevel,
  resolveFormat,
  resolveLevel,
  resolvePositiveInteger,
  resolveService,
} from "./settings.js";
import { endLogger } from "./shutdown.js";
import { activeSpanTraceSource, type TraceSource } from "./trace-context.js";

export interface CreateLoggerOptions {
  /** Lowest level written. Default: env LOG_LEVEL, else "info". */
  level?: LogLevel;
  /** "json" (one JSON object per line) or "pretty". Default: env LOG_FORMAT, else "pretty" on a TTY and "json" otherwise. */
  format?: LogFormat;
  /** The `service` field. Default: env OTEL_SERVICE_NAME, else "unknown_service:node" (OpenTelemetry's default). */
  service?: string;
  /** Masks secrets in messages and fields. Default: `createRedactionPolicy()` of @periscope/redact. */
  redaction?: RedactionPolicy;
  /** Where lines go. Default `process.stdout`; `false` writes only to `transports` and `file`. Never ended by shutdown. */
  destination?: NodeJS.WritableStream | false;
  /** More winston transports; they receive the redacted record, its line in `info[Symbol.for("message")]`. */
  transports?: winston.transport[];
  /** Also write JSON lines to a file, rotated by size. */
  file?: FileOptions;
  /** Where trace_id/span_id come from. Default: the active span of @opentelemetry/api when installed; `false` turns it off. */
  traceContext?: TraceSource | false;
  /** Longer strings are cut. Default 8192 characters. */
  maxStringLength?: number;
  /** Deeper objects are written as "[Object]". Default 10. */
  maxDepth?: number;
  /** Entries kept per array, map or object. Default 200. */
  maxEntries?: number;
  /** Lines held while the destination does not drain (and, separately, while the file falls behind); beyond it records are dropped and reported. Default 8 MiB. */
  maxBufferedBytes?: number;
  /** How long `shutdown()` waits for transports to flush. Default 5000 ms. */
  shutdownTimeoutMs?: number;
  /** Receives transport and destination failures, at most one per 10 s (plus, at shutdown, the count of records the file lost). Default: a process warning. */
  onError?: (error: unknown) => void;
}

/**
 * A structured logger on winston: one JSON line per record carrying timestamp, level, message,
 * service, request_id, trace_id and span_id, redacted and injection-safe. Reads LOG_LEVEL,
 * LOG_FORMAT and OTEL_SERVICE_NAME now (explicit options win); nothing is global.
 */
export function createLogger(options: CreateLoggerOptions = {}): Logger {
  const destination = options.destination === undefined ? process.stdout : options.destination;
  const level = resolveLevel(options.level);
  const format = resolveFormat(options.format, destination !== false && isTty(destination));
  const service = resolveService(options.service);
  const onError: ErrorHandler = rateLimited(options.onError);
  // The final tally at shutdown must not be swallowed by the rate limit of an earlier report.
  const onFinalError: ErrorHandler = rateLimited(options.onError, 0);
  const redaction = options.redaction ?? createRedactionPolicy();
  const sanitizer = new Sanitizer(redaction, {
    maxStringLength: resolvePositiveInteger("maxStringLength", options.maxStringLength, 8192),
    maxDepth: resolvePositiveInteger("maxDepth", options.maxDepth, 10),
    maxEntries: resolvePositiveInteger("maxEntries", options.maxEntries, 200),
  });
  const shutdownTimeoutMs = resolvePositiveInteger("shutdownTimeoutMs", options.shutdownTimeoutMs, 5000);
  const traceSource = options.traceContext === false ? undefined : (options.traceContext ?? activeSpanTraceSource());

  const maxBufferedBytes = resolvePositiveInteger("maxBufferedBytes", options.maxBufferedBytes, 8 * 1024 * 1024);

  const destinationTransport =
    destination === false ? undefined : new DestinationTransport({ destination, onError, maxBufferedBytes });
  const fileTransport = options.file
    ? new FileTransport(options.file, { loggerFormat: format, onError, maxBufferedBytes })
    : undefined;
  const transports: winston.transport[] = [];
  if (destinationTransport) transports.push(destinationTransport);
  if (fileTransport) transports.push(fileTransport);
  if (options.transports) transports.push(...options.transports);
  if (transports.length === 0) {
    throw new Error("@periscope/logging: `destination: false` needs `transports` or `file`, or records go nowhere.");
  }

  const soleTransport =
    transports.length === 1 && !options.transports?.length ? (destinationTransport ?? fileTransport) : undefined;

  const ownFormat = periscopeFormat({
    service,
    format,
    colors: format === "pretty" && isTty(destination),
    sanitizer,
    traceSource,
    onError,
  });
  const logger = winston.createLogger({
    level,
    levels: { ...LOG_LEVELS },
    format: ownFormat,
    transports,
    exitOnError: false,
  });
  // A failing transport is re-emitted here; without a listener it would crash the process.
  logger.on("error", onError);

  let shutdownPromise: Promise<void> | undefined;
  const core: LoggerCore = {
    winston: logger,
    service,
    redaction,
    sanitizer,
    traceSource,
    onError,
    droppedRecords: () => (destinationTransport?.droppedRecords ?? 0) + (fileTransport?.file.lost ?? 0),
    emit(info) {
      // The usual setups (the destination or the file alone, nothing of winston's changed) skip
      // winston's stream plumbing, a good part of a record's cost; anything else goes through winston.
      if (soleTransport && writesOnlyTo(logger, ownFormat, soleTransport)) {
        soleTransport.log(
          ownFormat.transform(info as winston.Logform.TransformableInfo) as Record<symbol, unknown>,
          ignore,
        );
      } else {
        logger.write(info);
      }
    },
    writeJsonLine:
      format === "json" && soleTransport
        ? (line) => {
            if (!writesOnlyTo(logger, ownFormat, soleTransport)) return false;
            soleTransport.writeLine(line);
            return true;
          }
        : undefined,
    closed: false,
    shutdown() {
      shutdownPromise ??= (async () => {
        core.closed = true;
        const finished = await endLogger(logger, shutdownTimeoutMs);
        if (!finished) {
          onError(new Error(`shutdown did not flush the log transports within ${shutdownTimeoutMs} ms`));
          fileTransport?.file.abandon();
        }
        destinationTransport?.detach();
        const lost = fileTransport?.file.lost ?? 0;
        if (lost > 0)
          onFinalError(new Error(`${lost} log records were not written to ${fileTransport?.file.filename}`));
      })();
      return shutdownPromise;
    },
  };
  return new Logger(core, undefined);
}

function writesOnlyTo(logger: winston.Logger, format: winston.Logform.Format, transport: winston.transport): boolean {
  const pipes = (logger as unknown as { _readableState: { pipes: unknown } })._readableState.pipes;
  const only = Array.isArray(pipes) ? pipes.length === 1 && pipes[0] === transport : pipes === transport;
  return (
    only &&
    logger.format === format &&
    !logger.silent &&
    !transport.silent &&
    transport.level === undefined &&
    transport.format === undefined
  );
}

function ignore(): void {}

function isTty(stream: NodeJS.WritableStream | false): boolean {
  return stream !== false && (stream as { isTTY?: boolean }).isTTY === true;
}
