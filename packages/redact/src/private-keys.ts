import type { Range } from "./ranges.js";

const header = /-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY( BLOCK)?-----/y;
const begin = "-----BEGIN ";
const end = "-----END ";
const dashes = "-----";

/**
 * PEM private key blocks (RSA, EC, OPENSSH, PGP, encrypted PKCS#8 …), from BEGIN to the end of the
 * END line. A block cut off before its END line (a truncated log line) is masked to the end of the
 * text. Found with indexOf rather than a lazy `[\s\S]*?`, which is quadratic on many BEGINs.
 */
export function findPrivateKeys(text: string, ranges: Range[]): void {
  let from = text.indexOf(begin);
  while (from !== -1) {
    header.lastIndex = from;
    if (!header.test(text)) {
      from = text.indexOf(begin, from + begin.length);
      continue;
    }
    const footer = text.indexOf(end, header.lastIndex);
    if (footer === -1) {
      ranges.push([from, text.length]);
      return;
    }
    const close = text.indexOf(dashes, footer + end.length);
    const stop = close === -1 ? text.length : close + dashes.length;
    ranges.push([from, stop]);
    from = text.indexOf(begin, stop);
  }
}
