export type {
  CheckContext,
  CheckFunction,
  CheckOptions,
  CheckOutcome,
  CheckResult,
  CheckStatus,
  HealthCheck,
} from "./check-types.js";
export type { DiskSpaceCheckOptions } from "./checks/disk-space.js";
export { diskSpaceCheck } from "./checks/disk-space.js";
export type { EventLoopDelayCheckOptions } from "./checks/event-loop-delay.js";
export { eventLoopDelayCheck } from "./checks/event-loop-delay.js";
export type { HeapCheckOptions } from "./checks/heap.js";
export { heapCheck } from "./checks/heap.js";
export type { HttpCheckOptions } from "./checks/http.js";
export { httpCheck } from "./checks/http.js";
export type { TcpCheckOptions } from "./checks/tcp.js";
export { tcpCheck } from "./checks/tcp.js";
export type { Health } from "./create-health.js";
export { createHealth } from "./create-health.js";
export { EXIT_CODES } from "./exit-codes.js";
export type { RegistryLike } from "./metrics.js";
export { HEALTH_METRICS } from "./metrics.js";
export type { HealthOptions } from "./options.js";
export { MAX_MESSAGE_LENGTH } from "./outcome.js";
export type { HealthReport } from "./report.js";
export type { ShutdownResult } from "./shutdown.js";
export type {
  ShutdownHookContext,
  ShutdownHookFunction,
  ShutdownHookOptions,
  ShutdownHookResult,
} from "./shutdown-hooks.js";
export type { LifecycleState, OverallStatus } from "./status.js";
export { LIFECYCLE_STATES } from "./status.js";
