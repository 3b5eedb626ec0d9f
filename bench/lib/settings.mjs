// Benchmark settings from the environment, with a full and a quick default. Quick mode (BENCH_QUICK=1, or
// --quick on the command line) is the CI smoke run: one round, about a second per measurement, smallest sizes.

export function isQuick() {
  return process.env.BENCH_QUICK === "1" || process.argv.includes("--quick");
}

/**
 * A positive number from the environment variable `name`, else `quick` or `full` by mode. Bad input is named
 * in a warning and replaced by the default; `integer` refuses fractions.
 */
export function numberSetting(name, { full, quick = full, integer = true }) {
  const fallback = isQuick() ? quick : full;
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (Number.isFinite(value) && value > 0 && (!integer || Number.isInteger(value))) return value;
  console.warn(`${name}=${raw} is not a positive ${integer ? "integer" : "number"}; using ${fallback}`);
  return fallback;
}
