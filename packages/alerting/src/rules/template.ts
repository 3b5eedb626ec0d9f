/**
 * The subset of Prometheus' alert templating both targets share, so the in-process evaluator and
 * promtool tests render annotations exactly as Prometheus does: `{{ $value | humanize }}`,
 * `{{ $value | humanizePercentage }}`, `{{ $value | humanizeDuration }}` and `{{ $labels.<name> }}`.
 */
const PLACEHOLDER = /\{\{\s*([^}]*?)\s*\}\}/g;
const VALUE = /^\$value\s*\|\s*(humanize|humanizePercentage|humanizeDuration)$/;
const LABEL = /^\$labels\.([a-zA-Z_][a-zA-Z0-9_]*)$/;

/** Throws when a template uses anything outside the shared subset. */
export function checkTemplate(template: string, what: string): void {
  for (const match of template.matchAll(PLACEHOLDER)) {
    const body = match[1] ?? "";
    if (!VALUE.test(body) && !LABEL.test(body)) {
      throw new TypeError(
        `${what}: unsupported placeholder {{ ${body} }}; use {{ $value | humanize }}, {{ $value | humanizePercentage }}, {{ $value | humanizeDuration }} or {{ $labels.<name> }}`,
      );
    }
  }
}

export function expandTemplate(template: string, labels: Record<string, string>, value: number): string {
  return template.replace(PLACEHOLDER, (_whole, body: string) => {
    const valueMatch = VALUE.exec(body);
    if (valueMatch?.[1] === "humanize") return humanize(value);
    if (valueMatch?.[1] === "humanizeDuration") return humanizeDuration(value);
    if (valueMatch) return `${formatG4(value * 100)}%`;
    const labelMatch = LABEL.exec(body);
    return labelMatch ? (labels[labelMatch[1] as string] ?? "") : "";
  });
}

/** Go's `%.4g`. */
export function formatG4(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (!Number.isFinite(value)) return value > 0 ? "+Inf" : "-Inf";
  if (value === 0) return "0";
  const exponent = Math.floor(Math.log10(Math.abs(Number(value.toPrecision(4)))));
  if (exponent < -4 || exponent >= 4) {
    const [mantissa, power = "0"] = value.toExponential(3).split("e");
    const trimmed = (mantissa as string).replace(/\.?0+$/, "");
    const powerNumber = Number(power);
    const sign = powerNumber < 0 ? "-" : "+";
    return `${trimmed}e${sign}${String(Math.abs(powerNumber)).padStart(2, "0")}`;
  }
  const fixed = value.toFixed(Math.max(0, 3 - exponent));
  return fixed.includes(".") ? fixed.replace(/\.?0+$/, "") : fixed;
}

/** Prometheus' `humanize`: SI prefixes, four significant digits. */
export function humanize(value: number): string {
  if (value === 0 || !Number.isFinite(value)) return formatG4(value);
  let scaled = value;
  let prefix = "";
  if (Math.abs(scaled) >= 1) {
    for (const next of ["k", "M", "G", "T", "P", "E", "Z", "Y"]) {
      if (Math.abs(scaled) < 1000) break;
      prefix = next;
      scaled /= 1000;
    }
  } else {
    for (const next of ["m", "u", "n", "p", "f", "a", "z", "y"]) {
      if (Math.abs(scaled) >= 1) break;
      prefix = next;
      scaled *= 1000;
    }
  }
  return `${formatG4(scaled)}${prefix}`;
}

/** Prometheus' `humanizeDuration`: `1h 10m 0s`, `4.875s`, `250ms`. */
export function humanizeDuration(value: number): string {
  if (!Number.isFinite(value)) return formatG4(value);
  if (value === 0) return "0s";
  if (Math.abs(value) >= 1) {
    const sign = value < 0 ? "-" : "";
    const total = Math.trunc(Math.abs(value));
    const seconds = total % 60;
    const minutes = Math.trunc(total / 60) % 60;
    const hours = Math.trunc(total / 3600) % 24;
    const days = Math.trunc(total / 86400);
    if (days !== 0) return `${sign}${days}d ${hours}h ${minutes}m ${seconds}s`;
    if (hours !== 0) return `${sign}${hours}h ${minutes}m ${seconds}s`;
    if (minutes !== 0) return `${sign}${minutes}m ${seconds}s`;
    return `${sign}${formatG4(Math.abs(value))}s`;
  }
  let scaled = value;
  let prefix = "";
  for (const next of ["m", "u", "n", "p", "f", "a", "z", "y"]) {
    if (Math.abs(scaled) >= 1) break;
    prefix = next;
    scaled *= 1000;
  }
  return `${formatG4(scaled)}${prefix}s`;
}
