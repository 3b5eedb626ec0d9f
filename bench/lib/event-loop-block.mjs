// Measures the longest stretch during which the event loop could not run anything else.

/**
 * Runs `task` while a chain of setImmediate callbacks timestamps every turn of the event loop,
 * and resolves to the longest gap between two turns (or between the last turn and the task's end), in ms.
 */
export async function longestEventLoopBlock(task) {
  let running = true;
  let last = performance.now();
  let longest = 0;
  const tick = () => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    if (running) setImmediate(tick);
  };
  setImmediate(tick);
  await task();
  running = false;
  return Math.max(longest, performance.now() - last);
}
