// Compares two Prometheus text expositions sample by sample, ignoring the order of labels within
// a sample and blank lines (label order carries no meaning in the format).

const LABEL_PAIR = /[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*"/g;

function normalizeLine(line) {
  const sample = line.match(/^([^{\s]+)\{(.*)\} (.*)$/);
  if (!sample) return line;
  const [, name, labels, value] = sample;
  return `${name}{${(labels.match(LABEL_PAIR) ?? []).sort().join(",")}} ${value}`;
}

/** The first sample that differs between the two texts, described, or undefined when they agree. */
export function firstSampleDifference(expected, actual) {
  const expectedLines = expected.split("\n").filter(Boolean).map(normalizeLine);
  const actualLines = actual.split("\n").filter(Boolean).map(normalizeLine);
  const length = Math.max(expectedLines.length, actualLines.length);
  for (let index = 0; index < length; index++) {
    if (expectedLines[index] !== actualLines[index]) {
      return `line ${index + 1}: ${JSON.stringify(expectedLines[index])} against ${JSON.stringify(actualLines[index])}`;
    }
  }
  return undefined;
}
