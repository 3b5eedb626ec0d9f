import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, type PageDocument } from "../browser.js";
import { bundleFixture, type ChildServer, startChildServer } from "../child-server.js";
import { decodePprof, samplesIn, stringsOf } from "../pprof.js";

const TOKEN = "integration-test-token";
const BURNER = "burnCpuForProfilingTest";
const auth = { authorization: `Bearer ${TOKEN}` };

describe("a child process that burns CPU, profiled over /debug/pprof", () => {
  let server: ChildServer;
  beforeAll(async () => {
    server = await startChildServer(bundleFixture("burn-server"), { PROFILING_TOKEN: TOKEN });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("answers a gzipped pprof whose samples land in the burning function", async () => {
    const response = await fetch(`${server.url}/debug/pprof/profile?seconds=2`, { headers: auth });
    const body = Buffer.from(await response.arrayBuffer());
    expect(response.status, body.toString("utf8").slice(0, 200)).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/octet-stream");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="profile.pb.gz"');
    expect([body[0], body[1]]).toEqual([0x1f, 0x8b]);

    const profile = decodePprof(body);
    expect(profile.sampleType.map((type) => stringsOf(profile, [type.type, type.unit]).join("/"))).toEqual([
      "samples/count",
      "cpu/nanoseconds",
    ]);
    expect(stringsOf(profile, [profile.periodType?.type ?? 0, profile.periodType?.unit ?? 0])).toEqual([
      "cpu",
      "nanoseconds",
    ]);
    expect(Number(profile.period)).toBeGreaterThan(0);
    expect(Number(profile.durationNanos)).toBeGreaterThan(1.5e9);
    expect(Number(profile.durationNanos)).toBeLessThan(4e9);
    expect(Number(profile.timeNanos)).toBeGreaterThan(Date.now() * 1e6 - 60e9);

    const burned = samplesIn(profile, BURNER);
    const total = profile.sample.reduce((sum, sample) => sum + Number(sample.value[0]), 0);
    expect(burned.cumulative).toBeGreaterThan(0);
    // The child does little else: the burner should hold most of the CPU samples.
    expect(burned.cumulative / total).toBeGreaterThan(0.3);

    const burnerFunction = profile.function.find((fn) => stringsOf(profile, [fn.name])[0] === BURNER);
    expect(stringsOf(profile, [burnerFunction?.filename ?? 0])[0]).toMatch(/burn-server\.mjs$/);
    expect(Number(burnerFunction?.startLine)).toBeGreaterThan(0);
  });

  it("answers the same profile as .cpuprofile JSON", async () => {
    const response = await fetch(`${server.url}/debug/pprof/profile?seconds=1&format=cpuprofile`, { headers: auth });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="profile.cpuprofile"');
    const profile = (await response.json()) as { nodes: { callFrame: { functionName: string } }[]; samples: number[] };
    expect(profile.nodes.some((node) => node.callFrame.functionName === BURNER)).toBe(true);
    expect(profile.samples.length).toBeGreaterThan(10);
  });

  it("answers a flame graph SVG that shows the function and renders in Chromium", async () => {
    const response = await fetch(`${server.url}/debug/pprof/profile?seconds=1&format=svg`, { headers: auth });
    const svg = await response.text();
    expect(response.status, svg.slice(0, 200)).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/svg+xml; charset=utf-8");
    expect(svg).toMatch(
      new RegExp(`<title>${BURNER} \\([^)]*burn-server\\.mjs:\\d+\\)\\n[\\d,]+ samples, \\d+\\.\\d\\d%`),
    );
    expect(svg).not.toMatch(/<script|xlink:href|href=|@import|url\(/i);

    const chromium = await launchChromium();
    try {
      const page = await chromium.context.newPage();
      // Loaded from a data: URL, so nothing in it can reach the network.
      await page.goto(`data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`);
      const frames = await page.evaluate(() => {
        const document = (globalThis as unknown as { document: PageDocument }).document;
        const groups = Array.from(document.querySelectorAll("g"));
        return {
          groups: groups.length,
          titled: groups.filter((group) => group.querySelector(":scope > title")).length,
          names: groups.map((group) => group.querySelector("title")?.textContent?.split(" (")[0] ?? ""),
          parserError: document.querySelector("parsererror") !== null,
        };
      });
      expect(frames.parserError).toBe(false);
      expect(frames.groups).toBeGreaterThan(3);
      expect(frames.titled).toBe(frames.groups);
      expect(frames.names).toContain(BURNER);

      const png = PNG.sync.read(await page.screenshot());
      const colours = new Set<number>();
      let painted = 0;
      for (let offset = 0; offset < png.data.length; offset += 4) {
        const [red = 0, green = 0, blue = 0] = png.data.subarray(offset, offset + 3);
        colours.add((red << 16) | (green << 8) | blue);
        if (red < 240 || green < 240 || blue < 240) painted++;
      }
      expect(colours.size).toBeGreaterThan(20);
      expect(painted / (png.width * png.height)).toBeGreaterThan(0.02);
    } finally {
      await chromium.close();
    }
  });
});
