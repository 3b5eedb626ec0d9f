import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { PROMTOOL, prometheusDirectory, repositoryRoot } from "./paths.js";

const run = promisify(execFile);

async function promtool(args: string[], cwd: string) {
  try {
    const { stdout, stderr } = await run(PROMTOOL, args, { cwd });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failure = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failure.code ?? -1, output: `${failure.stdout ?? ""}${failure.stderr ?? ""}` };
  }
}

const list = async (folder: string) =>
  (await readdir(join(prometheusDirectory, folder)))
    .filter((name) => name.endsWith(".yml"))
    .map((name) => `${folder}/${name}`);

describe("promtool", () => {
  const scratch: string[] = [];
  afterAll(async () => {
    await Promise.all(scratch.map((folder) => rm(folder, { recursive: true, force: true })));
  });

  it("check rules is clean for every rule file", async () => {
    const files = await list("rules");
    expect(files.length).toBeGreaterThanOrEqual(6);
    const result = await promtool(["check", "rules", ...files], prometheusDirectory);
    expect(result.code, result.output).toBe(0);
    expect(result.output).not.toMatch(/WARNING|FAILED/);
  });

  it("test rules passes every unit test", async () => {
    const result = await promtool(["test", "rules", ...(await list("tests"))], prometheusDirectory);
    expect(result.code, result.output).toBe(0);
  });

  it("parses every PromQL query the runbooks tell people to run", async () => {
    const directory = join(repositoryRoot, "docs/runbooks");
    const queries: string[] = [];
    for (const name of await readdir(directory)) {
      const text = await readFile(join(directory, name), "utf8");
      for (const block of text.matchAll(/```promql\n([\s\S]*?)```/g))
        queries.push(...(block[1] ?? "").split("\n").filter(Boolean));
    }
    expect(queries.length).toBeGreaterThanOrEqual(40);
    const folder = await mkdtemp(join(tmpdir(), "promtool-"));
    scratch.push(folder);
    const rules = queries.map((expr, index) => ({ record: `runbook:query_${index}`, expr }));
    await writeFile(join(folder, "runbooks.yml"), stringify({ groups: [{ name: "runbooks", rules }] }));
    const result = await promtool(["check", "rules", "runbooks.yml"], folder);
    expect(result.code, result.output).toBe(0);
  });

  it("test rules fails when an expectation is wrong (the harness can fail)", async () => {
    const folder = await mkdtemp(join(tmpdir(), "promtool-"));
    scratch.push(folder);
    await Promise.all(["rules", "tests"].map((name) => run("mkdir", ["-p", join(folder, name)])));
    await writeFile(
      join(folder, "rules/http.yml"),
      await readFile(join(prometheusDirectory, "rules/http.yml"), "utf8"),
    );
    const tests = parse(await readFile(join(prometheusDirectory, "tests/http.test.yml"), "utf8"));
    type Case = { alert_rule_test: Array<{ exp_alerts: unknown[] }> };
    const expected = (test: Case) => test.alert_rule_test[0]?.exp_alerts.length ?? 0;
    const quiet = tests.tests.find((test: Case) => expected(test) === 0);
    const firing = tests.tests.find((test: Case) => expected(test) > 0);
    quiet.alert_rule_test[0].exp_alerts = firing.alert_rule_test[0].exp_alerts;
    await writeFile(join(folder, "tests/http.test.yml"), stringify({ ...tests, tests: [quiet] }));
    const result = await promtool(["test", "rules", "tests/http.test.yml"], folder);
    expect(result.code, result.output).toBe(1);
    expect(result.output).toContain("FAILED");
  });
});
