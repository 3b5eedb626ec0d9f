import { describe, expect, it } from "vitest";
import { checkTemplate, expandTemplate, formatG4, humanize, humanizeDuration } from "./template.js";

// Expected strings are what Prometheus 2.42's template functions print for the same values.
describe("templates", () => {
  it("formats like Go's %.4g", () => {
    expect(formatG4(0.1)).toBe("0.1");
    expect(formatG4(4.875)).toBe("4.875");
    expect(formatG4(12.3456)).toBe("12.35");
    expect(formatG4(120)).toBe("120");
    expect(formatG4(123456)).toBe("1.235e+05");
    expect(formatG4(0.00001234)).toBe("1.234e-05");
  });

  it("humanizes with SI prefixes", () => {
    expect(humanize(0)).toBe("0");
    expect(humanize(120)).toBe("120");
    expect(humanize(3 * 1024 ** 3)).toBe("3.221G");
    expect(humanize(0.25)).toBe("250m");
  });

  it("humanizes durations", () => {
    expect(humanizeDuration(4200)).toBe("1h 10m 0s");
    expect(humanizeDuration(90061)).toBe("1d 1h 1m 1s");
    expect(humanizeDuration(4.875)).toBe("4.875s");
    expect(humanizeDuration(0.25)).toBe("250ms");
  });

  it("expands values and labels, and refuses anything else", () => {
    const text = "{{ $labels.cache }} hit {{ $value | humanizePercentage }}";
    expect(expandTemplate(text, { cache: "sessions" }, 0.2)).toBe("sessions hit 20%");
    expect(() => checkTemplate("{{ $value }}", "description")).toThrow(/unsupported placeholder/);
    expect(() => checkTemplate('{{ printf "%.2f" $value }}', "description")).toThrow(/humanize/);
  });
});
