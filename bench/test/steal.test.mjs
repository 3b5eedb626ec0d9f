import { describe, expect, it } from "vitest";
import { startStealWindow } from "../lib/steal.mjs";

function busyFor(milliseconds) {
  const end = performance.now() + milliseconds;
  let spins = 0;
  while (performance.now() < end) spins++;
  return spins;
}

describe("startStealWindow", () => {
  it("reads the share of time stolen from the machine or from given cores, between 0 and 1", () => {
    const machine = startStealWindow();
    const cores = startStealWindow([0]);
    busyFor(300);
    for (const share of [machine.stop(), cores.stop()]) {
      expect(share).toBeGreaterThanOrEqual(0);
      expect(share).toBeLessThanOrEqual(1);
    }
  });

  it("gives undefined for a core the machine does not have", () => {
    const window = startStealWindow([4096]);
    busyFor(20);
    expect(window.stop()).toBeUndefined();
  });
});
