/** A path to leave out of the HTTP metrics: exact (`/metrics`), a prefix (`/health*`) or a RegExp. */
export type PathPattern = string | RegExp;

export const DEFAULT_EXCLUDED_PATHS: readonly PathPattern[] = ["/metrics", "/health*"];

export function compilePathExclusion(patterns: readonly PathPattern[]): (path: string) => boolean {
  const exact = new Set<string>();
  const prefixes: string[] = [];
  const expressions: RegExp[] = [];
  for (const pattern of patterns) {
    if (pattern instanceof RegExp) expressions.push(pattern);
    else if (pattern.endsWith("*")) prefixes.push(pattern.slice(0, -1));
    else exact.add(pattern);
  }
  return (path) => {
    if (exact.has(path)) return true;
    for (const prefix of prefixes) if (path.startsWith(prefix)) return true;
    for (const expression of expressions) if (expression.test(path)) return true;
    return false;
  };
}

/** The path of a request target, without its query string. */
export function pathOf(url: string | undefined): string {
  if (!url) return "/";
  const query = url.indexOf("?");
  return query === -1 ? url : url.slice(0, query);
}
