import type { CheckContext, CheckOutcome, HealthCheck } from "../check-types.js";

export interface HttpCheckOptions {
  /** The dependency's URL, http or https. */
  url: string | URL;
  /** The status(es) that pass. Default: any 2xx. */
  expectedStatus?: number | readonly number[];
  /** Default "GET". */
  method?: string;
  headers?: Record<string, string>;
}

/** Requests a URL and compares the status; the check's timeout aborts the request through its signal. */
export function httpCheck(options: HttpCheckOptions): HealthCheck {
  const url = parseUrl(options?.url);
  const expected = expectedOf(options.expectedStatus);
  const method = options.method ?? "GET";
  return {
    async run({ signal }: CheckContext): Promise<CheckOutcome> {
      const response = await fetch(url, { method, headers: options.headers, signal, redirect: "manual" });
      await response.body?.cancel();
      const ok = expected ? expected.includes(response.status) : response.status >= 200 && response.status < 300;
      if (ok) return { status: "pass", observedValue: response.status };
      const wanted = expected ? expected.join(" or ") : "2xx";
      return {
        status: "fail",
        observedValue: response.status,
        message: `expected status ${wanted}, got ${response.status}`,
      };
    },
  };
}

function parseUrl(value: unknown): URL {
  let url: URL | undefined;
  try {
    url = new URL(String(value));
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) {
    throw new TypeError(`@periscope/health: httpCheck needs an http(s) url, got ${String(value)}`);
  }
  return url;
}

function expectedOf(value: HttpCheckOptions["expectedStatus"]): readonly number[] | undefined {
  if (value === undefined) return undefined;
  const list = typeof value === "number" ? [value] : value;
  if (
    !Array.isArray(list) ||
    list.length === 0 ||
    !list.every((code) => Number.isInteger(code) && code >= 100 && code <= 599)
  ) {
    throw new TypeError(`@periscope/health: httpCheck expectedStatus must be a status code or a list of them`);
  }
  return list;
}
