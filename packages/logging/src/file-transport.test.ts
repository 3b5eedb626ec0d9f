import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLogger } from "./create-logger.js";

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), "periscope-logging-"));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

async function jsonLines(path: string): Promise<Record<string, unknown>[]> {
  const text = await readFile(path, "utf8");
  return text
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe("file transport", () => {
  it("rotates by size, keeps maxFiles files and the newest records in the named file", async () => {
    const filename = join(directory, "app.log");
    const logger = createLogger({
      destination: false,
      file: { filename, maxSize: 4096, maxFiles: 3 },
      service: "s",
      format: "pretty",
    });
    for (let index = 0; index < 200; index++) {
      logger.info(`record ${index}`, { padding: "x".repeat(100) });
      // winston's File transport rotates between writes, not inside one burst.
      if (index % 20 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await logger.shutdown();
    const files = (await readdir(directory)).sort();
    expect(files.length).toBe(3);
    expect(files).toContain("app.log");
    const newest = await jsonLines(filename);
    expect(newest.at(-1)?.message).toBe("record 199");
    for (const file of files) {
      for (const record of await jsonLines(join(directory, file))) expect(record.service).toBe("s");
    }
  });

  it("flushes every record under load on shutdown, with no write after end", async () => {
    const filename = join(directory, "load.log");
    const errors: unknown[] = [];
    const logger = createLogger({
      destination: false,
      file: { filename, maxSize: 512 * 1024 * 1024 },
      service: "s",
      format: "json",
      onError: (error) => errors.push(error),
    });
    const onUncaught = (error: unknown) => errors.push(error);
    process.on("uncaughtException", onUncaught);
    try {
      for (let index = 0; index < 20_000; index++) logger.info(`record ${index}`, { index, padding: "y".repeat(64) });
      await logger.shutdown();
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      process.off("uncaughtException", onUncaught);
    }
    expect(errors).toEqual([]);
    const records = await jsonLines(filename);
    expect(records).toHaveLength(20_000);
    expect(records.at(-1)?.message).toBe("record 19999");
  });

  it("rejects a missing filename", () => {
    expect(() => createLogger({ file: { filename: "" }, service: "s" })).toThrow(/file.filename/);
  });
});
