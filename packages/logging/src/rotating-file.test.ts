import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { waitFor } from "../test/wait-for.js";
import { RotatingFile, type RotatingFileOptions } from "./rotating-file.js";

let directory: string;
let errors: unknown[];
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), "periscope-rotating-"));
  errors = [];
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

function rotatingFile(options: Partial<RotatingFileOptions> & { filename: string }): RotatingFile {
  return new RotatingFile({
    maxSize: 1024,
    maxFiles: 5,
    maxBufferedBytes: 1024 * 1024,
    onError: (error) => errors.push(error),
    ...options,
  });
}

async function lines(path: string): Promise<string[]> {
  return (await readFile(path, "utf8")).split("\n").filter((line) => line !== "");
}

describe("RotatingFile", () => {
  it("numbers rotated files before the extension, or at the end without one, newest in the named file", async () => {
    const file = rotatingFile({ filename: join(directory, "app"), maxSize: 100, maxFiles: 3 });
    for (let index = 0; index < 12; index++) file.write(`line ${index} ${"x".repeat(20)}`);
    await file.close();
    expect((await readdir(directory)).sort()).toEqual(["app", "app1", "app2"]);
    const all = [
      ...(await lines(join(directory, "app2"))),
      ...(await lines(join(directory, "app1"))),
      ...(await lines(join(directory, "app"))),
    ];
    expect(all.at(-1)).toMatch(/^line 11 /);
    expect(all.map((line) => Number(line.split(" ")[1]))).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11]);
    for (const name of ["app", "app1", "app2"])
      expect((await stat(join(directory, name))).size).toBeLessThanOrEqual(100);
    expect(errors).toEqual([]);
  });

  it("gives a line longer than maxSize a file of its own", async () => {
    const file = rotatingFile({ filename: join(directory, "big.log"), maxSize: 10 });
    file.write("a");
    file.write("x".repeat(50));
    file.write("b");
    await file.close();
    expect(await lines(join(directory, "big.log"))).toEqual(["b"]);
    expect(await lines(join(directory, "big1.log"))).toEqual(["x".repeat(50)]);
    expect(await lines(join(directory, "big2.log"))).toEqual(["a"]);
  });

  it("with maxFiles 1 keeps only the named file", async () => {
    const file = rotatingFile({ filename: join(directory, "one.log"), maxSize: 30, maxFiles: 1 });
    for (let index = 0; index < 10; index++) file.write(`line ${index}`);
    await file.close();
    expect(await readdir(directory)).toEqual(["one.log"]);
    expect((await lines(join(directory, "one.log"))).at(-1)).toBe("line 9");
  });

  it("drops and counts lines beyond maxBufferedBytes, reporting once, and keeps the rest in order", async () => {
    const file = rotatingFile({ filename: join(directory, "full.log"), maxSize: 1 << 20, maxBufferedBytes: 100 });
    for (let index = 0; index < 30; index++) file.write(`line ${index}`);
    await file.close();
    const written = await lines(join(directory, "full.log"));
    expect(written.length + file.lost).toBe(30);
    expect(file.lost).toBeGreaterThan(0);
    expect(written).toEqual(written.map((_, index) => `line ${index}`));
    expect(errors.map((error) => (error as Error).message)).toEqual([
      expect.stringMatching(/^dropping log records: the log file .*full\.log is not keeping up/),
    ]);
  });

  it("keeps lines queued while the file cannot be opened and writes them once it can", async () => {
    const blocker = join(directory, "logs");
    await writeFile(blocker, "");
    const file = rotatingFile({ filename: join(blocker, "app.log") });
    file.write("first");
    file.write("second");
    await waitFor(() => (errors.length > 0 ? true : undefined));
    expect((errors[0] as Error).message).toMatch(/could not write the log file .*app\.log/);
    await rm(blocker);
    file.write("third");
    // Written by the retry, not by close(): close() would try again at once.
    const path = join(blocker, "app.log");
    await waitFor(() =>
      existsSync(path) && readFileSync(path, "utf8") === "first\nsecond\nthird\n" ? true : undefined,
    );
    await file.close();
    expect(file.lost).toBe(0);
  });

  it("closes once, counts writes after close, and abandon() gives up what is queued", async () => {
    const file = rotatingFile({ filename: join(directory, "c.log") });
    file.write("kept");
    const closing = file.close();
    expect(file.close()).toBe(closing);
    await closing;
    file.write("late");
    expect(file.lost).toBe(1);
    expect(await lines(join(directory, "c.log"))).toEqual(["kept"]);

    const blocked = join(directory, "blocked");
    await writeFile(blocked, "");
    const stuck = rotatingFile({ filename: join(blocked, "d.log") });
    stuck.write("a");
    stuck.write("b");
    await waitFor(() => (errors.length > 0 ? true : undefined));
    stuck.abandon();
    expect(stuck.lost).toBe(2);
  });
});
