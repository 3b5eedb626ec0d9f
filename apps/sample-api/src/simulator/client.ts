export interface Reply<T> {
  /** 0 when the request never got an answer. */
  status: number;
  /** The JSON answer, typed as the caller expects a 2xx answer to look; check `status` first. */
  body: T;
}

/** A small JSON client that never throws: transport failures come back as status 0. */
export function createClient(baseUrl: string, apiKey?: string) {
  const keyHeader: Record<string, string> = apiKey === undefined ? {} : { "x-api-key": apiKey };
  return async function call<T = unknown>(method: string, path: string, body?: unknown): Promise<Reply<T>> {
    try {
      const response = await fetch(`${baseUrl}/api/v1${path}`, {
        method,
        headers: body === undefined ? keyHeader : { ...keyHeader, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(10_000),
      });
      const text = await response.text();
      let parsed: unknown;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        parsed = text;
      }
      return { status: response.status, body: parsed as T };
    } catch (error) {
      return { status: 0, body: { error: (error as Error).message } as T };
    }
  };
}

export type Client = ReturnType<typeof createClient>;
