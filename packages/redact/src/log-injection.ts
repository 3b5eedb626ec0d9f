// ANSI sequences: CSI (ESC [ … final byte, or the one-byte C1 CSI), OSC (ESC ] … BEL or ESC \),
// and two-byte escapes (ESC followed by one byte).
const ansiSequence =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this module's job
  /(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[ -~]/g;
// C0 controls except tab, DEL, C1 controls, line and paragraph separators, and the bidirectional
// overrides that make text display in an order other than the one it is stored in.
const unsafeCharacter =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this module's job
  /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const anyUnsafe =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this module's job
  /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

function toVisibleEscape(character: string): string {
  if (character === "\n") return "\\n";
  if (character === "\r") return "\\r";
  const code = character.charCodeAt(0);
  return code < 0x80 ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
}

function stringify(value: unknown): string {
  try {
    return String(value);
  } catch {
    return "";
  }
}

/**
 * Makes untrusted text safe to embed in one log line: line breaks (CR, LF, NEL, U+2028, U+2029)
 * become visible escapes ("\\n", "\\r", "\\u0085", "\\u2028"), ANSI escape sequences are removed, and
 * any other control or bidi-override character is escaped, so one record can never look like two
 * or repaint the terminal. Tabs stay. Backslashes are not doubled, so read "\\n" in a line as
 * "there was a line break or a backslash-n here".
 */
export function neutralizeLogInjection(text: string): string {
  if (typeof text !== "string") return neutralizeLogInjection(stringify(text));
  if (!anyUnsafe.test(text)) return text;
  return text.replace(ansiSequence, "").replace(unsafeCharacter, toVisibleEscape);
}
