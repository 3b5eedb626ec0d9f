/**
 * Finds what would make an app's JSON log output lie or repaint a terminal: lines that are not one JSON
 * object each (a raw CR/LF inside a value split a record), ANSI escapes, raw U+2028/U+2029/U+0085, and
 * lines that are an attacker's forged record (`forged` appears as a top-level message).
 */
export function unsafeLogLines(output: string, forged: readonly string[] = []): string[] {
  const problems: string[] = [];
  for (const line of output.split("\n")) {
    if (line.trim() === "") continue;
    const shown = JSON.stringify(line.slice(0, 300));
    // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
    if (/[\u001b\u009b\u0085\u2028\u2029\r]/.test(line)) problems.push(`raw control or separator character: ${shown}`);
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch {
      problems.push(`not one JSON record: ${shown}`);
      continue;
    }
    if (record === null || typeof record !== "object" || Array.isArray(record)) {
      problems.push(`not a JSON object: ${shown}`);
      continue;
    }
    const message = String((record as { message?: unknown }).message ?? "");
    if (forged.some((text) => message.includes(text))) problems.push(`forged record: ${shown}`);
  }
  return problems;
}

/** Every place in `haystacks` where one of `needles` appears, as "needle in where". */
export function leaksOf(needles: readonly string[], haystacks: Record<string, string>): string[] {
  const found: string[] = [];
  for (const needle of needles) {
    for (const [where, text] of Object.entries(haystacks))
      if (text.includes(needle)) found.push(`${needle} in ${where}`);
  }
  return found;
}

/** The JSON records of an app's output that parse (other lines are skipped). */
export function logRecords(output: string): Record<string, unknown>[] {
  const records: Record<string, unknown>[] = [];
  for (const line of output.split("\n")) {
    if (!line.startsWith("{")) continue;
    try {
      records.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      // a broken line is reported by unsafeLogLines
    }
  }
  return records;
}
