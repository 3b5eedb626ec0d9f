/** Runs `tick` every `intervalMs` on an unref'd timer; failures go to onError. `shutdown()` is idempotent. */
export function startEscalationTimer(options: {
  intervalMs: number;
  tick: () => void;
  onError: (error: unknown) => void;
}) {
  const timer = setInterval(() => {
    try {
      options.tick();
    } catch (error) {
      options.onError(error);
    }
  }, options.intervalMs);
  timer.unref();
  return {
    async shutdown(): Promise<void> {
      clearInterval(timer);
    },
  };
}
