/** What replaces a secret, unless the policy's `mask` option says otherwise. */
export const REDACTED = "[REDACTED]";
/** What replaces an object nested deeper than the policy's `maxDepth`. */
export const TRUNCATED = "[Truncated]";
/** What replaces a reference back to an object that contains it. */
export const CIRCULAR = "[Circular]";
/** What replaces a value whose reading threw (a throwing getter, a revoked proxy). */
export const UNREADABLE = "[Unreadable]";
