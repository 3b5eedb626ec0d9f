// The corpus lives in src/testing.ts so tsup ships it as `@periscope/redact/testing`.
export type { SecretSample } from "../src/testing.js";
export { secretsCorpus } from "../src/testing.js";
