import { describe, expect, it } from "vitest";
import { RingBuffer } from "./ring-buffer.js";

describe("RingBuffer", () => {
  it("keeps the newest `capacity` items, oldest first", () => {
    const buffer = new RingBuffer<number>(3);
    for (const value of [1, 2, 3, 4, 5]) buffer.push(value);
    expect(buffer.toArray()).toEqual([3, 4, 5]);
    expect(buffer.size).toBe(3);
    expect(buffer.latest()).toBe(5);
  });

  it("rejects a capacity that cannot hold a window", () => {
    expect(() => new RingBuffer(1)).toThrow(/capacity/);
  });
});
