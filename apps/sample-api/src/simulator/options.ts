export interface SimulatorOptions {
  url: string;
  agents: number;
  /** Tasks created per second. */
  rate: number;
  /** Share of tasks the agents report failed, outside a burst. */
  errorRate: number;
  /** Length of an error burst in seconds: one starts at launch when given, and on each SIGUSR2. */
  burstSeconds: number;
  burstAtStart: boolean;
  burstErrorRate: number;
  /** Stop after this many seconds; 0 runs until SIGINT/SIGTERM. */
  durationSeconds: number;
  reportEverySeconds: number;
  /** Sent as `x-api-key` on every request when given. */
  apiKey?: string;
  /** Requests fired at once at start and every 10 s, to go past the rate limit; 0 is off. */
  rateLimitBurst: number;
}

export const SIMULATOR_USAGE = `usage: pnpm --filter @periscope/sample-api simulate [options]
  --url URL                 the sample API (default http://127.0.0.1:3000)
  --agents N                agents to register (default 4)
  --rate N                  tasks created per second (default 5)
  --error-rate R            share of tasks the agents fail, 0..1 (default 0.05)
  --burst S                 start with an error burst of S seconds (SIGUSR2 starts another)
  --burst-error-rate R      share of tasks failed during a burst (default 0.8)
  --duration S              stop after S seconds (default: until Ctrl-C)
  --report-every S          seconds between progress lines (default 5)
  --api-key KEY             send this key as x-api-key (when the API has API_KEYS)
  --rate-limit-burst N      at start and every 10 s, fire N requests at once to go past the rate limit (default off)`;

const NUMBERS: Record<string, { key: keyof SimulatorOptions; min: number; max: number }> = {
  "--agents": { key: "agents", min: 1, max: 100 },
  "--rate": { key: "rate", min: 0.1, max: 1000 },
  "--error-rate": { key: "errorRate", min: 0, max: 1 },
  "--burst": { key: "burstSeconds", min: 1, max: 86_400 },
  "--burst-error-rate": { key: "burstErrorRate", min: 0, max: 1 },
  "--duration": { key: "durationSeconds", min: 0, max: 31_536_000 },
  "--report-every": { key: "reportEverySeconds", min: 0.2, max: 3600 },
  "--rate-limit-burst": { key: "rateLimitBurst", min: 1, max: 10_000 },
};

/** Parses the simulator's flags (`--name value` or `--name=value`); throws a message naming the flag. */
export function parseSimulatorArgs(argv: readonly string[]): SimulatorOptions {
  const options: SimulatorOptions = {
    url: "http://127.0.0.1:3000",
    agents: 4,
    rate: 5,
    errorRate: 0.05,
    burstSeconds: 30,
    burstAtStart: false,
    burstErrorRate: 0.8,
    durationSeconds: 0,
    reportEverySeconds: 5,
    rateLimitBurst: 0,
  };
  const args = argv.flatMap((arg) => (arg.startsWith("--") && arg.includes("=") ? arg.split(/=(.*)/s, 2) : [arg]));
  for (let index = 0; index < args.length; index++) {
    const flag = args[index] as string;
    if (flag === "--") continue;
    const value = args[index + 1];
    if (value === undefined || value.startsWith("--")) throw new Error(`${flag} needs a value\n${SIMULATOR_USAGE}`);
    index++;
    if (flag === "--url") {
      if (!/^https?:\/\/[^\s/]+/.test(value)) throw new Error(`--url must be an http(s) URL, got "${value}"`);
      options.url = value.replace(/\/+$/, "");
      continue;
    }
    if (flag === "--api-key") {
      options.apiKey = value;
      continue;
    }
    const spec = NUMBERS[flag];
    if (!spec) throw new Error(`unknown option ${flag}\n${SIMULATOR_USAGE}`);
    const number = Number(value);
    if (!Number.isFinite(number) || number < spec.min || number > spec.max) {
      throw new Error(`${flag} must be a number from ${spec.min} to ${spec.max}, got "${value}"`);
    }
    (options as unknown as Record<string, number>)[spec.key] = number;
    if (flag === "--burst") options.burstAtStart = true;
  }
  return options;
}
