import { execFileSync } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
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

/** Messages of app{n}.log ... app1.log, app.log: oldest first. */
async function messagesOldestFirst(dir: string, files: string[]): Promise<unknown[]> {
  const messages: unknown[] = [];
  for (const file of [...files].reverse()) {
    for (const record of await jsonLines(join(dir, file))) messages.push(record.message);
  }
  return messages;
}

function records(from: number, to: number): string[] {
  return Array.from({ length: to - from + 1 }, (_, offset) => `record ${from + offset}`);
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
      if (index % 20 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await logger.shutdown();
    const files = (await readdir(directory)).sort();
    expect(files).toEqual(["app.log", "app1.log", "app2.log"]);
    const newest = await jsonLines(filename);
    expect(newest.at(-1)?.message).toBe("record 199");
    // The rotated files hold the records just before, in order, with none missing in between.
    const kept = await messagesOldestFirst(directory, ["app.log", "app1.log", "app2.log"]);
    const first = Number(String(kept[0]).split(" ")[1]);
    expect(first).toBeGreaterThan(0);
    expect(kept).toEqual(records(first, 199));
    for (const file of files) {
      expect((await stat(join(directory, file))).size).toBeLessThanOrEqual(4096);
      for (const record of await jsonLines(join(directory, file))) expect(record.service).toBe("s");
    }
  });

  it("keeps every record, in order, across many rotations and shutdowns (stress)", async () => {
    // Many short rounds with different pacing, so that shutdown lands at every point of a
    // rotation: closing the full file, renaming, opening the next.
    for (let round = 0; round < 30; round++) {
      const dir = join(directory, `round-${round}`);
      const filename = join(dir, "app.log");
      const errors: unknown[] = [];
      const logger = createLogger({
        destination: false,
        file: { filename, maxSize: 2048, maxFiles: 100 },
        service: "s",
        format: "json",
        onError: (error) => errors.push(error),
      });
      const total = 40 + round * 5;
      for (let index = 0; index < total; index++) {
        logger.info(`record ${index}`, { padding: "z".repeat(round % 5 === 0 ? 400 : 60) });
        if (index % (3 + (round % 11)) === 0) {
          await new Promise((resolve) => (round % 2 === 0 ? setImmediate(resolve) : setTimeout(resolve, round % 3)));
        }
      }
      await logger.shutdown();
      expect(errors).toEqual([]);
      const files = (await readdir(dir)).sort((a, b) => number(a) - number(b));
      expect((await jsonLines(filename)).at(-1)?.message).toBe(`record ${total - 1}`);
      expect(await messagesOldestFirst(dir, files)).toEqual(records(0, total - 1));
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

  it("rotates a file that is already full at start before appending", async () => {
    const filename = join(directory, "app.log");
    await writeFile(filename, `${JSON.stringify({ message: "old" })}\n`.repeat(60));
    const logger = createLogger({ destination: false, file: { filename, maxSize: 1024, maxFiles: 2 }, service: "s" });
    logger.info("new");
    await logger.shutdown();
    expect((await readdir(directory)).sort()).toEqual(["app.log", "app1.log"]);
    expect((await jsonLines(filename)).map((record) => record.message)).toEqual(["new"]);
    expect((await jsonLines(join(directory, "app1.log"))).every((record) => record.message === "old")).toBe(true);
  });

  it("reports, and does not hang on, a file that cannot be opened", async () => {
    await writeFile(join(directory, "not-a-directory"), "");
    const errors: unknown[] = [];
    const logger = createLogger({
      destination: false,
      file: { filename: join(directory, "not-a-directory", "app.log") },
      service: "s",
      onError: (error) => errors.push(error),
    });
    logger.info("one");
    logger.info("two");
    const started = Date.now();
    await logger.shutdown();
    expect(Date.now() - started).toBeLessThan(2000);
    const messages = errors.map((error) => (error as Error).message);
    expect(messages[0]).toMatch(/could not write the log file .*app\.log/);
    expect(messages.at(-1)).toMatch(/^2 log records were not written to .*app\.log$/);
  });

  it("counts every record it could not hold: written + droppedRecords() = logged", async () => {
    const filename = join(directory, "app.log");
    const errors: unknown[] = [];
    const logger = createLogger({
      destination: false,
      file: { filename },
      format: "json",
      service: "s",
      maxBufferedBytes: 64 * 1024,
      onError: (error) => errors.push(error),
    });
    // A loop that never yields: the file cannot be opened, let alone written, until it ends.
    const logged = 5_000;
    for (let index = 0; index < logged; index++) logger.info(`record ${index}`, { padding: "x".repeat(100) });
    await logger.shutdown();
    const written = (await jsonLines(filename)).length;
    expect(logger.droppedRecords()).toBeGreaterThan(0);
    expect(written + logger.droppedRecords()).toBe(logged);
    expect(errors.map(String).join("\n")).toMatch(/not keeping up/);
  });

  it("writes the records still gathered for their write when the process exits", async () => {
    const path = join(directory, "exit.log");
    // The built package in a process of its own, which exits 100 ms after its first records.
    const script = `
      const { createLogger } = await import(${JSON.stringify(new URL("../dist/index.js", import.meta.url).href)});
      const logger = createLogger({ destination: false, file: { filename: ${JSON.stringify(path)} }, format: "json" });
      for (let index = 0; index < 100; index++) logger.info("first " + index);
      await new Promise((resolve) => setTimeout(resolve, 100));
      for (let index = 0; index < 100; index++) logger.info("last " + index);
      process.exit(0);
    `;
    execFileSync(process.execPath, ["--input-type=module", "-e", script]);
    const messages = (await readFile(path, "utf8"))
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line).message);
    expect(messages).toHaveLength(200);
    expect(messages.at(-1)).toBe("last 99");
  });

  it("rejects a missing filename and bad sizes", () => {
    expect(() => createLogger({ file: { filename: "" }, service: "s" })).toThrow(/file.filename/);
    expect(() => createLogger({ file: { filename: "a.log", maxSize: 0 }, service: "s" })).toThrow(/file.maxSize/);
    expect(() => createLogger({ file: { filename: "a.log", maxFiles: 1.5 }, service: "s" })).toThrow(/file.maxFiles/);
  });
});

function number(file: string): number {
  const match = /(\d+)\.log$/.exec(file);
  return match ? Number(match[1]) : 0;
}
