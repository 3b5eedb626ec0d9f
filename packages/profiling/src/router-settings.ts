/** `enabled` and `token` from options, else from PROFILING_ENABLED and PROFILING_TOKEN (read at call time). */
export function resolveRouterSettings(options: { enabled?: boolean; token?: string }): {
  enabled: boolean;
  token: string;
} {
  const enabled = options.enabled ?? isTrue(process.env.PROFILING_ENABLED);
  if (!enabled) return { enabled: false, token: "" };
  const token = options.token ?? process.env.PROFILING_TOKEN ?? "";
  if (typeof token !== "string" || token.trim() === "") {
    throw new TypeError(
      "@periscope/profiling: profilingRouter() is enabled but has no bearer token; " +
        "pass the `token` option or set the PROFILING_TOKEN environment variable",
    );
  }
  return { enabled: true, token };
}

function isTrue(value: string | undefined): boolean {
  return value !== undefined && ["true", "1", "yes", "on"].includes(value.trim().toLowerCase());
}
