import { constants } from "node:os";

/**
 * Exit codes after a signal-initiated shutdown. The first two are bits: 3 means both happened.
 * A second signal during shutdown exits at once with 128 + the signal's number (130 SIGINT, 143 SIGTERM),
 * the code a shell reports for a process killed by that signal.
 */
export const EXIT_CODES = {
  clean: 0,
  /** A shutdown hook threw, timed out, or was skipped because the overall hook deadline passed. */
  hookFailed: 1,
  /** In-flight requests were still running at `requestDeadlineMs` and their connections were cut. */
  requestsCut: 2,
} as const;

export function shutdownExitCode(hookFailed: boolean, requestsCut: number): number {
  return (hookFailed ? EXIT_CODES.hookFailed : 0) | (requestsCut > 0 ? EXIT_CODES.requestsCut : 0);
}

export function forcedExitCode(signal: NodeJS.Signals): number {
  return 128 + (constants.signals[signal] ?? 0);
}
