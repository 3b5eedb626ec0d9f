import { errorTypeOf } from "./ignore.js";

export interface FingerprintInput {
  /** The original error (or whatever was thrown). */
  error: unknown;
  /** `${method} ${route template}`, e.g. "GET /api/v1/tasks/:id", when the error came through a request. */
  route: string | undefined;
}

/** Returns the fingerprint, or undefined to leave grouping to Sentry (stack trace based). */
export type FingerprintRule = (input: FingerprintInput) => string[] | undefined;

/** `[error type, route]`, e.g. `["TypeError", "GET /api/v1/tasks/:id"]`; Sentry's own grouping off a request. */
export const defaultFingerprint: FingerprintRule = ({ error, route }) =>
  route === undefined ? undefined : [errorTypeOf(error), route];
