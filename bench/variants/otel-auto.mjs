// @opentelemetry/auto-instrumentations-node with its defaults, loaded by `--import .../register` (see
// lib/suites.mjs): every instrumentation, parent-based always-on sampling, OTLP/protobuf to the sink.
export async function install() {}
