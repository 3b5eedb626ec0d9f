import type { IncomingMessage, ServerResponse } from "node:http";
import type { Registry } from "prom-client";
import { hasBearerToken } from "./bearer-token.js";
import { createProfiler, type Profiler } from "./create-profiler.js";
import { createRouterMetrics } from "./router-metrics.js";
import { resolveRouterSettings } from "./router-settings.js";
import { type ProfilingLogger, type ServeContext, sendText, serveProfile } from "./serve-profile.js";

export { PROFILE_DURATION_BUCKETS, PROFILE_DURATION_SECONDS, PROFILES_TOTAL } from "./router-metrics.js";
export type { ProfilingLogger } from "./serve-profile.js";

export interface ProfilingRouterOptions {
  /** Default: PROFILING_ENABLED=true in the environment, else off (the router passes every request on). */
  enabled?: boolean;
  /** The bearer token callers must send. Default: PROFILING_TOKEN. Required when enabled. */
  token?: string;
  /**
   * `continuous` (default): heap sampling runs from creation, and /debug/pprof/heap answers at once
   * with the live objects sampled so far, like Go. `on-demand`: it samples for `seconds` (default 10).
   */
  heapSampling?: "continuous" | "on-demand";
  /** CPU sampling interval in microseconds. Default 1000. */
  samplingIntervalMicros?: number;
  /** Average bytes between heap samples. Default 524288. */
  heapSamplingIntervalBytes?: number;
  /** A profiler of your own; the router then leaves its shutdown to you. */
  profiler?: Profiler;
  /** Receives one line per profile served, refused or failed. */
  logger?: ProfilingLogger;
  /** prom-client registry for `profiling_profiles_total` and `profiling_profile_duration_seconds`. */
  registry?: Registry;
  /** Receives background failures (a logger that throws, heap sampling that cannot start). Default: a process warning. */
  onError?: (error: unknown) => void;
}

type Next = (error?: unknown) => void;

/** Express middleware (4 and 5; plain node:http too) with `shutdown()`. */
export interface ProfilingRouter {
  (request: IncomingMessage, response: ServerResponse, next: Next): void;
  readonly enabled: boolean;
  shutdown(): Promise<void>;
}

const PREFIX = "/debug/pprof";
const INDEX = [
  "/debug/pprof/profile?seconds=N[&format=pprof|cpuprofile|svg]  CPU profile (default 10 s, at most 60)",
  "/debug/pprof/heap[?seconds=N][&format=pprof|heapprofile|svg]  sampled live heap",
].join("\n");

/**
 * Go's net/http/pprof paths for a Node service: `app.use(profilingRouter({ enabled: true, token }))`.
 * Off unless enabled; every request needs the bearer token; one profile at a time.
 */
export function profilingRouter(options: ProfilingRouterOptions = {}): ProfilingRouter {
  const settings = resolveRouterSettings(options);
  if (!settings.enabled) {
    const passThrough = (_request: IncomingMessage, _response: ServerResponse, next: Next) => next();
    return Object.assign(passThrough, { enabled: false, shutdown: () => Promise.resolve() });
  }
  const onError = options.onError ?? warn;
  const continuousHeap = (options.heapSampling ?? "continuous") === "continuous";
  const ownsProfiler = options.profiler === undefined;
  const profiler =
    options.profiler ??
    createProfiler({
      samplingIntervalMicros: options.samplingIntervalMicros,
      heapSamplingIntervalBytes: options.heapSamplingIntervalBytes,
      continuousHeapSampling: continuousHeap,
      onError,
    });
  const context: ServeContext = {
    profiler,
    logger: options.logger,
    metrics: createRouterMetrics(options.registry),
    continuousHeap,
  };

  const router = (request: IncomingMessage, response: ServerResponse, next: Next) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    const path = url.pathname.replace(/\/+$/, "");
    if (path !== PREFIX && !path.startsWith(`${PREFIX}/`)) return next();
    if (!hasBearerToken(request.headers.authorization, settings.token)) {
      context.metrics.record(typeOf(path), "unauthorized");
      context.logger?.warn("profile request refused", { status: 401, path });
      return sendText(response, 401, "a valid bearer token is required", {
        "WWW-Authenticate": 'Bearer realm="profiling"',
      });
    }
    if (request.method !== "GET") return sendText(response, 405, "use GET", { Allow: "GET" });
    if (path === `${PREFIX}/profile`)
      return void serveProfile(context, "cpu", url.searchParams, response).catch(onError);
    if (path === `${PREFIX}/heap`) return void serveProfile(context, "heap", url.searchParams, response).catch(onError);
    if (path === PREFIX) return sendText(response, 200, INDEX);
    return sendText(response, 404, `no such profile; available:\n${INDEX}`);
  };

  let shutdownPromise: Promise<void> | undefined;
  return Object.assign(router, {
    enabled: true,
    shutdown: () => {
      shutdownPromise ??= ownsProfiler ? profiler.shutdown() : Promise.resolve();
      return shutdownPromise;
    },
  });
}

function typeOf(path: string): string {
  if (path.endsWith("/profile")) return "cpu";
  if (path.endsWith("/heap")) return "heap";
  return "other";
}

function warn(error: unknown): void {
  process.emitWarning(
    `@periscope/profiling: ${error instanceof Error ? error.message : String(error)}`,
    "PeriscopeWarning",
  );
}
