import type { KeyMatcher } from "./key-matcher.js";

export interface UrlRedactorOptions {
  isSensitiveKey: KeyMatcher;
  redactString: (text: string) => string;
  mask: string;
}

// scheme://userinfo@ at the very start; userinfo may not hold / ? # or @.
const authority = /^([A-Za-z][A-Za-z0-9+.-]*:)?\/\/([^/?#@]*)@/;

function decode(component: string): string {
  try {
    return decodeURIComponent(component.replace(/\+/g, " "));
  } catch {
    return component;
  }
}

// Brackets stay readable so a masked value reads "token=[REDACTED]", not "token=%5BREDACTED%5D".
function encode(component: string): string {
  return encodeURIComponent(component).replace(/%5B/g, "[").replace(/%5D/g, "]");
}

/**
 * Masks `user:password@`, the values of sensitive query and fragment parameters, and secrets the
 * string detectors find in the path and in the other parameters (decoded first, so an encoded
 * "Bearer%20…" is found too). Parses by hand: `new URL()` rejects paths and rewrites what it keeps.
 */
export function createUrlRedactor(options: UrlRedactorOptions): (url: string) => string {
  const { isSensitiveKey, redactString, mask } = options;

  const redactParameters = (parameters: string): string =>
    parameters
      .split("&")
      .map((parameter) => {
        const equals = parameter.indexOf("=");
        if (equals === -1) return redactString(parameter);
        const key = parameter.slice(0, equals);
        const value = parameter.slice(equals + 1);
        if (isSensitiveKey(decode(key))) return `${key}=${mask}`;
        const decoded = decode(value);
        const redacted = redactString(decoded);
        if (redacted !== decoded) return `${key}=${encode(redacted)}`;
        return redactString(parameter);
      })
      .join("&");

  const redactUserinfo = (base: string): string => {
    const match = authority.exec(base);
    if (!match) return redactString(base);
    const scheme = match[1] ?? "";
    const userinfo = match[2] ?? "";
    const colon = userinfo.indexOf(":");
    const user = colon === -1 ? userinfo : userinfo.slice(0, colon);
    const redactedUser = redactString(user);
    const password = colon === -1 ? "" : `:${mask}`;
    return `${scheme}//${redactedUser}${password}@${redactString(base.slice(match[0].length))}`;
  };

  return (url) => {
    if (typeof url !== "string") return url;
    try {
      const hash = url.indexOf("#");
      const beforeHash = hash === -1 ? url : url.slice(0, hash);
      const fragment = hash === -1 ? undefined : url.slice(hash + 1);
      const question = beforeHash.indexOf("?");
      const base = question === -1 ? beforeHash : beforeHash.slice(0, question);
      const query = question === -1 ? undefined : beforeHash.slice(question + 1);

      let output = redactUserinfo(base);
      if (query !== undefined) output += `?${redactParameters(query)}`;
      if (fragment !== undefined) {
        // OAuth's implicit flow puts access_token=… in the fragment.
        output += `#${fragment.includes("=") ? redactParameters(fragment) : redactString(fragment)}`;
      }
      return output;
    } catch {
      return mask;
    }
  };
}
