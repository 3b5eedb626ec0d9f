// The typical log record of the log-lines and redaction benchmarks: a finished task with a user, the request
// headers, and two secrets (an API key field and a bearer token) that redaction must mask.

export const SECRET_API_KEY = "sk_live_51HbenchSecretKey000000000000";
export const SECRET_TOKEN = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJiZW5jaCJ9.c2lnbmF0dXJlLWJlbmNo";

/** A fresh record for line `index` (loggers may keep or mutate what they are given). */
export function logRecord(index) {
  return {
    task_id: `task-${index}`,
    task_type: "summarize",
    attempt: 1,
    duration_ms: 12.5,
    user: { id: "user-42", plan: "pro" },
    api_key: SECRET_API_KEY,
    headers: { "user-agent": "bench/1.0", authorization: `Bearer ${SECRET_TOKEN}`, accept: "application/json" },
  };
}

/** The request context every line carries. */
export const CONTEXT = {
  request_id: "5f0c2d1e-8a47-4b1c-9e3f-0d6a7b8c9e01",
  trace_id: "4bf92f3577b34da6a3ce929d0e0e4736",
  span_id: "00f067aa0ba902b7",
};
