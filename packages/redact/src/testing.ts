/**
 * A corpus of fake secrets, each in a realistic carrier, for tests that prove no secret leaks
 * through a log line, a span attribute, a header, a query string or an error report. Every value
 * is made up; provider tokens are assembled from pieces so secret scanners do not flag this file.
 */

export interface SecretSample {
  /** Unique, kebab-case: which detector or rule the sample exercises. */
  name: string;
  /** The raw string that must never appear in redacted output. */
  secret: string;
  /** `secret` inside a realistic carrier: a log line, a header line, a URL, a JSON body. */
  text: string;
  /** What `text` is: "url" samples also go through `redactUrl()`, "header" ones through `redactHeaders(value)`. */
  carrier: "text" | "url" | "header" | "json";
  /** True when `text` can be an HTTP header value (no line breaks). */
  headerSafe: boolean;
  /** True when `encodeURIComponent(secret) === secret`: it reaches a query string or form body unchanged. */
  urlSafe: boolean;
  /** For "header" samples a header map, for "json" samples the object `text` serialises. */
  value?: Readonly<Record<string, unknown>>;
}

type SampleInput = Pick<SecretSample, "name" | "secret" | "text"> & Partial<Pick<SecretSample, "carrier" | "value">>;

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const entry of Object.values(value)) deepFreeze(entry);
  }
  return value;
}

function sample(input: SampleInput): SecretSample {
  if (!input.text.includes(input.secret)) throw new Error(`corpus sample ${input.name} does not carry its secret`);
  return deepFreeze({
    carrier: "text",
    ...input,
    headerSafe: !/[\r\n]/.test(input.text),
    urlSafe: encodeURIComponent(input.secret) === input.secret,
  });
}

function json(name: string, secret: string, value: Record<string, unknown>): SecretSample {
  return sample({ name, secret, text: JSON.stringify(value), carrier: "json", value });
}

function header(name: string, secret: string, headerName: string, headerValue: string): SecretSample {
  const line = headerName.replace(/(^|-)([a-z])/g, (_, dash: string, letter: string) => dash + letter.toUpperCase());
  return sample({
    name,
    secret,
    text: `${line}: ${headerValue}`,
    carrier: "header",
    value: { [headerName]: headerValue },
  });
}

const pemBody = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQCPeriscopeTest0";
const ecBody = "MHcCAQEEIPeriscopeCorpusEcKey0123456789abcdefoAoGCCqGSM49AwEHoUQDQgAE";
const jwt =
  "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJwZXJpc2NvcGUtY29ycHVzLXVzZXIiLCJpYXQiOjE3NjcyMjU2MDB9.cGVyaXNjb3BlLWNvcnB1cy1zaWduYXR1cmUtMDAwMQ";
const github = ["gh", "p_", "PeriscopeCorpus0123456789abcdefABCDEF"].join("");
const githubFineGrained = ["github", "_pat_", "11PERISCOPE0_CorpusFineGrained0123456789abcdef"].join("");
const slack = ["xo", "xb-", "123456789012-1234567890123-PeriscopeCorpusTok0"].join("");
const stripe = ["sk", "_live_", "51PeriscopeCorpusKey0123456789"].join("");
const openai = ["sk", "-proj-", "PeriscopeCorpus0123456789abcdefABCDEF"].join("");
const google = ["AI", "za", "SyPeriscopeCorpusKey0123456789abcde"].join("");
const awsKeyId = ["AK", "IA", "PERISCOPE0TEST12"].join("");
const awsSessionKeyId = ["AS", "IA", "PERISCOPE0TEST34"].join("");

/** Every detector and key rule of the default policy, in every kind of carrier. */
export const secretsCorpus: readonly SecretSample[] = Object.freeze([
  // Authorization schemes
  header("bearer-header", "pscpBearer7f3K9qLm2Xv8Rt4Wn6Yz1", "authorization", "Bearer pscpBearer7f3K9qLm2Xv8Rt4Wn6Yz1"),
  sample({
    name: "bearer-in-prose",
    secret: "Tk9vPq2Lm8Xr4Zs6Wy1Cd3Fg",
    text: "upstream rejected bearer Tk9vPq2Lm8Xr4Zs6Wy1Cd3Fg with 401",
  }),
  header(
    "basic-auth-header",
    "cGVyaXNjb3BlLWFkbWluOkJhc2ljLUF1dGgtUzNjcmV0LTQy",
    "authorization",
    "Basic cGVyaXNjb3BlLWFkbWluOkJhc2ljLUF1dGgtUzNjcmV0LTQy",
  ),
  header("custom-scheme-header", "Cust0mSch3me-abc123def456", "authorization", "Token Cust0mSch3me-abc123def456"),
  // Token formats
  sample({ name: "jwt", secret: jwt, text: `decoded session ${jwt} (expires in 3600 s)` }),
  sample({ name: "aws-access-key-id", secret: awsKeyId, text: `s3 upload signed with ${awsKeyId} failed` }),
  sample({
    name: "aws-session-key-id",
    secret: awsSessionKeyId,
    text: `assumed role, temporary key ${awsSessionKeyId}`,
  }),
  sample({ name: "github-token", secret: github, text: `git push with ${github} was rejected` }),
  sample({
    name: "github-fine-grained-token",
    secret: githubFineGrained,
    text: `using ${githubFineGrained} for the API`,
  }),
  sample({ name: "slack-bot-token", secret: slack, text: `slack notifier initialised with ${slack}` }),
  sample({ name: "stripe-secret-key", secret: stripe, text: `stripe client created (${stripe})` }),
  sample({ name: "openai-api-key", secret: openai, text: `openai request with key ${openai} timed out` }),
  sample({ name: "google-api-key", secret: google, text: `maps geocode ${google} quota exceeded` }),
  // Private keys
  sample({
    name: "rsa-private-key",
    secret: pemBody,
    text: `key loaded:\n-----BEGIN RSA PRIVATE KEY-----\n${pemBody}\nAoIBAQC7periscope1corpus2rsa3body4line5\n-----END RSA PRIVATE KEY-----\n`,
  }),
  sample({
    name: "ec-private-key",
    secret: ecBody,
    text: `-----BEGIN EC PRIVATE KEY-----\n${ecBody}\n-----END EC PRIVATE KEY-----`,
  }),
  // Payment cards (Luhn-valid test numbers)
  sample({
    name: "card-visa-spaced",
    secret: "4111 1111 1111 1111",
    text: "charged card 4111 1111 1111 1111 exp 12/29",
  }),
  sample({
    name: "card-mastercard-plain",
    secret: "5555555555554444",
    text: "payment_method=5555555555554444 declined",
  }),
  sample({ name: "card-amex-dashed", secret: "3782-822463-10005", text: "amex 3782-822463-10005 on file" }),
  // Credentials in URLs
  sample({
    name: "url-credentials",
    secret: "Pg-S3cret-Pass-91",
    text: "postgres://periscope:Pg-S3cret-Pass-91@db.internal:5432/app",
    carrier: "url",
  }),
  sample({
    name: "url-credentials-empty-user",
    secret: "R3dis-Pa55word-77",
    text: "redis://:R3dis-Pa55word-77@cache.internal:6379/0",
    carrier: "url",
  }),
  sample({
    name: "url-credentials-in-prose",
    secret: "Rabbit-Pa55-2024",
    text: "connecting to amqp://guest:Rabbit-Pa55-2024@mq.internal:5672 failed",
  }),
  // Query strings and fragments
  sample({
    name: "query-token-path",
    secret: "QryT0ken-8c1d2e3f4a5b",
    text: "/api/v1/callback?code=ok&token=QryT0ken-8c1d2e3f4a5b",
    carrier: "url",
  }),
  sample({
    name: "query-password-absolute",
    secret: "Hunter2-Periscope-9f3a",
    text: "https://api.example.com/login?user=bob&password=Hunter2-Periscope-9f3a",
    carrier: "url",
  }),
  sample({
    name: "query-api-key-in-log-line",
    secret: "ApiK3y-0a1b2c3d4e5f6789",
    text: "GET /v2/search?q=shoes&api_key=ApiK3y-0a1b2c3d4e5f6789 200 12ms",
  }),
  sample({
    name: "fragment-access-token",
    secret: "FragAcc3ss-7e6d5c4b3a29",
    text: "https://app.example.com/oauth/callback#access_token=FragAcc3ss-7e6d5c4b3a29&token_type=bearer",
    carrier: "url",
  }),
  // Key-value pairs in free text
  sample({
    name: "env-assignment",
    secret: "EnvPa55-6b5a4c3d2e1f",
    text: "DB_PASSWORD=EnvPa55-6b5a4c3d2e1f ./start.sh",
  }),
  sample({ name: "yaml-field", secret: "Yaml-Cl13nt-S3cret-55aa", text: "client_secret: Yaml-Cl13nt-S3cret-55aa" }),
  sample({ name: "cli-flag", secret: "CliT0ken-1f2e3d4c5b6a", text: "deploy --token=CliT0ken-1f2e3d4c5b6a --force" }),
  sample({
    name: "aws-secret-access-key",
    secret: "wJalrXUtnFEMIK7MDENGbPxRfiCYPERISCOPE1",
    text: "aws_secret_access_key = wJalrXUtnFEMIK7MDENGbPxRfiCYPERISCOPE1",
  }),
  sample({
    name: "connection-string-password",
    secret: "C0nnStr-Pa55-4d3c",
    text: "Server=db;Database=app;User Id=sa;Password=C0nnStr-Pa55-4d3c;",
  }),
  // Structured carriers
  json("json-body-password", "Js0n-Pa55word-3c2b1a", { username: "bob", password: "Js0n-Pa55word-3c2b1a" }),
  json("nested-object-api-key", "N3sted-ApiKey-9a8b7c6d", {
    user: { profile: { settings: { apiKey: "N3sted-ApiKey-9a8b7c6d" } } },
  }),
  json("array-of-objects-client-secret", "Arr4y-Cl13nt-S3cret-11", {
    items: [
      { id: 1, name: "first" },
      { id: 2, client_secret: "Arr4y-Cl13nt-S3cret-11" },
    ],
  }),
  json("array-of-strings-bearer", "Arr4yB3arer-5d4c3b2a1f0e", {
    headers: ["Accept: application/json", "Authorization: Bearer Arr4yB3arer-5d4c3b2a1f0e"],
  }),
  json("double-encoded-json", "Esc4ped-Pa55-77aa", { body: JSON.stringify({ password: "Esc4ped-Pa55-77aa" }) }),
  // Headers
  header("cookie-header", "C00kieS3ss-a1b2c3d4e5f6", "cookie", "theme=dark; session=C00kieS3ss-a1b2c3d4e5f6"),
  header("set-cookie-header", "S3tC00kie-f6e5d4c3b2a1", "set-cookie", "sid=S3tC00kie-f6e5d4c3b2a1; Path=/; HttpOnly"),
  header("x-api-key-header", "XApiK3y-0f1e2d3c4b5a6978", "x-api-key", "XApiK3y-0f1e2d3c4b5a6978"),
]);
