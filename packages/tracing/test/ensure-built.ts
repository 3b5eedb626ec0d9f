import { execFileSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const packageDir = join(dirname(fileURLToPath(import.meta.url)), "..");

/** Child-process tests run the published entry points: build dist/ when it is missing or older than src/. */
export function ensureBuilt(): void {
  const newestSource = Math.max(
    ...readdirSync(join(packageDir, "src")).map((file) => statSync(join(packageDir, "src", file)).mtimeMs),
  );
  let built = 0;
  try {
    built = Math.min(
      statSync(join(packageDir, "dist/index.js")).mtimeMs,
      statSync(join(packageDir, "dist/index.cjs")).mtimeMs,
    );
  } catch {
    built = 0;
  }
  if (built < newestSource) execFileSync("pnpm", ["run", "build"], { cwd: packageDir, stdio: "pipe" });
}
