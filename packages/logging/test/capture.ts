import { Writable } from "node:stream";

/** A real Writable that keeps what a logger writes, and reads it back as lines or JSON records. */
export class Capture extends Writable {
  readonly chunks: string[] = [];

  constructor(private readonly delayMs = 0) {
    super({ highWaterMark: 1024 });
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.chunks.push(chunk.toString("utf8"));
    if (this.delayMs > 0) setTimeout(callback, this.delayMs);
    else callback();
  }

  text(): string {
    return this.chunks.join("");
  }

  lines(): string[] {
    return this.text()
      .split("\n")
      .filter((line) => line !== "");
  }

  records(): Record<string, unknown>[] {
    return this.lines().map((line) => JSON.parse(line) as Record<string, unknown>);
  }
}

/** Lets the logger's batched flush run. */
export async function settle(): Promise<void> {
  // Longer than the few milliseconds the destination transport gathers lines for before writing them.
  await new Promise((resolve) => setTimeout(resolve, 20));
  for (let turn = 0; turn < 3; turn++) await new Promise((resolve) => setImmediate(resolve));
}
