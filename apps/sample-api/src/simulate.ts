import { parseSimulatorArgs, type SimulatorOptions } from "./simulator/options.js";
import { startSimulator } from "./simulator/simulator.js";

// A command-line tool: its output is meant for the terminal, so it prints with console.
let options: SimulatorOptions;
try {
  options = parseSimulatorArgs(process.argv.slice(2));
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}

try {
  const simulator = await startSimulator(options, (line) => console.log(line));
  process.on("SIGUSR2", () => simulator.burst());
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void simulator.stop());
  console.log(
    `simulator: running (pid ${process.pid}); \`kill -USR2 ${process.pid}\` starts an error burst, Ctrl-C stops`,
  );
  await simulator.done;
  const { tasksCreated, chainsCreated, completed, failed, httpErrors, rateLimited } = simulator.stats;
  console.log(
    `simulator: done: created ${tasksCreated} tasks, ${chainsCreated} chains | completed ${completed}, failed ${failed} | http errors ${httpErrors} | rate limited ${rateLimited}`,
  );
} catch (error) {
  console.error(`simulator: ${(error as Error).message}`);
  process.exit(1);
}
