import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { CheckOutcome } from "../check-types.js";
import { diskSpaceCheck } from "./disk-space.js";

const context = () => ({ signal: new AbortController().signal, name: "disk" });

describe("diskSpaceCheck", () => {
  it("reads the real free space of the temp directory", async () => {
    const outcome = (await diskSpaceCheck({ path: tmpdir(), minFreeRatio: 0 }).run(context())) as CheckOutcome;
    expect(outcome).toMatchObject({ status: "pass" });
    expect(outcome.observedValue).toBeGreaterThan(0);
  });

  it("fails below a byte threshold no disk can meet", async () => {
    const outcome = (await diskSpaceCheck({ path: tmpdir(), minFreeBytes: Number.MAX_SAFE_INTEGER }).run(
      context(),
    )) as CheckOutcome;
    expect(outcome.status).toBe("fail");
    expect(outcome.message).toMatch(/bytes free, below 9007199254740991/);
  });

  it("fails below a ratio of 1 (no disk is entirely free)", async () => {
    const outcome = (await diskSpaceCheck({ path: tmpdir(), minFreeRatio: 1 }).run(context())) as CheckOutcome;
    expect(outcome.status).toBe("fail");
    expect(outcome.message).toMatch(/of the disk free, below 1$/);
  });

  it("rejects for a path that does not exist, and refuses a missing path", async () => {
    const check = diskSpaceCheck({ path: join(tmpdir(), "periscope-no-such-dir", "x") });
    await expect(check.run(context())).rejects.toThrow(/ENOENT/);
    expect(() => diskSpaceCheck({} as never)).toThrow(/needs a path/);
  });
});
