/** A profile was requested while another one was still running; only one runs at a time. */
export class ProfilerBusyError extends Error {
  override readonly name = "ProfilerBusyError";
  readonly code = "ERR_PROFILER_BUSY";
  constructor(running: string) {
    super(`@periscope/profiling: a ${running} profile is already running; only one profile runs at a time`);
  }
}

/** A profile was stopped before it finished: its AbortSignal fired or the profiler was shut down. */
export class ProfileAbortedError extends Error {
  override readonly name = "ProfileAbortedError";
  readonly code = "ERR_PROFILE_ABORTED";
  constructor(reason: string) {
    super(`@periscope/profiling: profile stopped before it finished: ${reason}`);
  }
}
