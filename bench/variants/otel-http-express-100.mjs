// OpenTelemetry http + express instrumentation set up by hand at 100 % sampling: everything happens in
// lib/otel-manual-preload.mjs, loaded with --import and BENCH_OTEL_SAMPLE_RATIO=1 (see lib/suites.mjs).
import { shutdownOtelManual } from "../lib/otel-manual.mjs";

export async function install() {}

export const shutdown = shutdownOtelManual;
