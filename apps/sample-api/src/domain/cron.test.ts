import { describe, expect, it } from "vitest";
import { nextCronRun, parseCron } from "./cron.js";

const at = (text: string) => Date.parse(text);
const next = (expression: string, after: string) =>
  new Date(nextCronRun(parseCron(expression), at(after)) as number).toISOString();

describe("cron", () => {
  it("finds the next matching minute, strictly after the given time", () => {
    expect(next("* * * * *", "2026-01-01T00:00:00Z")).toBe("2026-01-01T00:01:00.000Z");
    expect(next("*/15 * * * *", "2026-01-01T00:14:59Z")).toBe("2026-01-01T00:15:00.000Z");
    expect(next("0 9-17/4 * * *", "2026-01-01T09:00:00Z")).toBe("2026-01-01T13:00:00.000Z");
    expect(next("5,35 * * * *", "2026-01-01T00:36:00Z")).toBe("2026-01-01T01:05:00.000Z");
    expect(next("0 0 1 * *", "2026-01-15T12:00:00Z")).toBe("2026-02-01T00:00:00.000Z");
    expect(next("0 0 29 2 *", "2026-03-01T00:00:00Z")).toBe("2028-02-29T00:00:00.000Z");
  });

  it("treats weekday 7 as Sunday and ORs the two day fields when both are restricted", () => {
    expect(next("0 12 * * 7", "2026-01-01T00:00:00Z")).toBe("2026-01-04T12:00:00.000Z");
    // 2026-01-02 is a Friday (5): the weekday matches before the 10th does.
    expect(next("0 0 10 * 5", "2026-01-01T00:00:00Z")).toBe("2026-01-02T00:00:00.000Z");
  });

  it.each([
    ["* * * *", /5 fields/],
    ["60 * * * *", /minute field "60" is outside 0-59/],
    ["* 24 * * *", /hour/],
    ["* * 0 * *", /day of month/],
    ["* * * 13 *", /month/],
    ["* * * * mon", /day of week field "mon"/],
    ["*/0 * * * *", /step below 1/],
    ["5-1 * * * *", /outside/],
    ["0 0 31 2 *", /never fires/],
  ])("rejects %s", (expression, message) => {
    expect(() => parseCron(expression)).toThrow(message);
  });
});
