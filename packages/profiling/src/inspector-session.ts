import { Session } from "node:inspector";

/** A connected inspector session on this thread, with a promise-returning `post`. */
export interface InspectorSession {
  post<T = unknown>(method: string, params?: object): Promise<T>;
  on(event: string, listener: (message: { params: unknown }) => void): void;
  /** Disconnects; safe to call twice. The inspector drops the session's profilers with it. */
  close(): void;
}

export function openSession(): InspectorSession {
  const session = new Session();
  session.connect();
  let open = true;
  return {
    post<T>(method: string, params?: object): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        if (!open) {
          reject(new Error(`@periscope/profiling: inspector session closed before ${method}`));
          return;
        }
        // The typed overloads of post() do not cover a method name held in a variable.
        const post = session.post.bind(session) as (
          method: string,
          params: object | undefined,
          callback: (error: Error | null, result?: unknown) => void,
        ) => void;
        post(method, params, (error, result) => (error ? reject(error) : resolve(result as T)));
      });
    },
    on(event, listener) {
      session.on(event, listener as (message: unknown) => void);
    },
    close() {
      if (!open) return;
      open = false;
      session.disconnect();
    },
  };
}
