import type { ServerResponse } from "node:http";
import type { Profiler } from "./create-profiler.js";
import { DEFAULT_DURATION_MS, parseSeconds } from "./duration.js";
import { ProfileAbortedError, ProfilerBusyError } from "./errors.js";
import type { CpuProfileResult, HeapProfileResult } from "./profile-results.js";
import type { RouterMetrics } from "./router-metrics.js";

/** The `{ info, warn }` shape of winston, pino, @periscope/logging and console. */
export interface ProfilingLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
}

export interface ServeContext {
  profiler: Profiler;
  logger: ProfilingLogger | undefined;
  metrics: RouterMetrics;
  /** When true, /heap without `seconds` answers at once from continuous sampling. */
  continuousHeap: boolean;
}

type Body = { contentType: string; fileName?: string; body: string | Buffer };

const FORMATS = { cpu: ["pprof", "cpuprofile", "svg"], heap: ["pprof", "heapprofile", "svg"] } as const;

/** Records and sends one profile; answers 400/409/500 itself, and stops if the client goes away. */
export async function serveProfile(
  context: ServeContext,
  type: "cpu" | "heap",
  query: URLSearchParams,
  response: ServerResponse,
): Promise<void> {
  const format = query.get("format") ?? "pprof";
  if (!(FORMATS[type] as readonly string[]).includes(format)) {
    return reject(context, type, response, 400, `format must be one of ${FORMATS[type].join(", ")}, got ${format}`);
  }
  const immediateHeap = type === "heap" && context.continuousHeap && !query.has("seconds");
  const seconds = parseSeconds(query.get("seconds") ?? undefined, DEFAULT_DURATION_MS);
  if ("error" in seconds) return reject(context, type, response, 400, seconds.error);

  const disconnected = new AbortController();
  const onClose = () => {
    if (!response.writableFinished) disconnected.abort("the client disconnected");
  };
  response.once("close", onClose);
  const started = performance.now();
  try {
    const durationMs = immediateHeap ? undefined : seconds.ms;
    const signal = disconnected.signal;
    const body =
      type === "cpu"
        ? await cpuBody(await context.profiler.cpuProfile({ durationMs, signal }), format)
        : await heapBody(await context.profiler.heapProfile({ durationMs, signal }), format);
    if (signal.aborted) throw new ProfileAbortedError("the client disconnected");
    send(response, 200, body);
    const elapsed = (performance.now() - started) / 1000;
    context.metrics.record(type, "ok", elapsed);
    context.logger?.info("profile served", { type, format, durationMs, bytes: Buffer.byteLength(body.body) });
  } catch (error) {
    if (error instanceof ProfilerBusyError) return reject(context, type, response, 409, error.message);
    if (error instanceof ProfileAbortedError) {
      context.metrics.record(type, "aborted");
      context.logger?.info("profile stopped before it finished", { type, reason: error.message });
      if (!response.headersSent && !response.destroyed) sendText(response, 503, error.message);
      return;
    }
    context.metrics.record(type, "error");
    context.logger?.warn("profile failed", { type, error: error instanceof Error ? error.message : String(error) });
    if (!response.headersSent && !response.destroyed) sendText(response, 500, "profiling failed; see the service log");
  } finally {
    response.off("close", onClose);
  }
}

async function cpuBody(result: CpuProfileResult, format: string): Promise<Body> {
  if (format === "cpuprofile") {
    return { contentType: "application/json", fileName: "profile.cpuprofile", body: result.toCpuprofile() };
  }
  if (format === "svg") return { contentType: "image/svg+xml; charset=utf-8", body: result.toFlameGraphSvg() };
  return { contentType: "application/octet-stream", fileName: "profile.pb.gz", body: await result.toPprof() };
}

async function heapBody(result: HeapProfileResult, format: string): Promise<Body> {
  if (format === "heapprofile") {
    return { contentType: "application/json", fileName: "heap.heapprofile", body: result.toHeapprofile() };
  }
  if (format === "svg") return { contentType: "image/svg+xml; charset=utf-8", body: result.toFlameGraphSvg() };
  return { contentType: "application/octet-stream", fileName: "heap.pb.gz", body: await result.toPprof() };
}

function reject(
  context: ServeContext,
  type: string,
  response: ServerResponse,
  status: 400 | 409,
  message: string,
): void {
  context.metrics.record(type, status === 400 ? "bad_request" : "busy");
  context.logger?.warn("profile request refused", { type, status, reason: message });
  sendText(response, status, message);
}

function send(response: ServerResponse, status: number, { contentType, fileName, body }: Body): void {
  response.statusCode = status;
  response.setHeader("Content-Type", contentType);
  response.setHeader("Content-Length", Buffer.byteLength(body));
  response.setHeader("Cache-Control", "no-store");
  response.setHeader("X-Content-Type-Options", "nosniff");
  // The SVG has no scripts; this keeps any the browser might find from running.
  response.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
  if (fileName) response.setHeader("Content-Disposition", `attachment; filename="${fileName}"`);
  response.end(body);
}

export function sendText(
  response: ServerResponse,
  status: number,
  message: string,
  headers: Record<string, string> = {},
) {
  response.statusCode = status;
  for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
  response.setHeader("Content-Type", "text/plain; charset=utf-8");
  response.setHeader("Cache-Control", "no-store");
  response.end(`${message}\n`);
}
