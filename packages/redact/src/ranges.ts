/** A half-open span [start, end) of a text that must be masked. */
export type Range = [start: number, end: number];

/** Replaces every span (overlapping or touching spans become one) with `mask`, in one pass. */
export function applyRanges(text: string, ranges: Range[], mask: string): string {
  if (ranges.length === 0) return text;
  ranges.sort((left, right) => left[0] - right[0]);
  let output = "";
  let cursor = 0;
  let index = 0;
  while (index < ranges.length) {
    const [start] = ranges[index] as Range;
    let end = (ranges[index] as Range)[1];
    index += 1;
    while (index < ranges.length && (ranges[index] as Range)[0] <= end) {
      end = Math.max(end, (ranges[index] as Range)[1]);
      index += 1;
    }
    if (end <= start) continue;
    output += text.slice(cursor, Math.max(cursor, start)) + mask;
    cursor = Math.max(cursor, end);
  }
  return output + text.slice(cursor);
}
