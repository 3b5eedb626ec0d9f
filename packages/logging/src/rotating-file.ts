import { createWriteStream, type WriteStream } from "node:fs";
import { access, mkdir, rename, stat, unlink } from "node:fs/promises";
import { basename, dirname, extname, join } from "node:path";
import type { ErrorHandler } from "./error-reporter.js";

/** Lines are joined into writes of about this size. */
const CHUNK_BYTES = 64 * 1024;
/** After the file could not be opened, the next attempt waits this long (records queue meanwhile). */
const REOPEN_DELAY_MS = 1000;

export interface RotatingFileOptions {
  readonly filename: string;
  /** A file is rotated before a line would take it past this many bytes. */
  readonly maxSize: number;
  /** Files kept in all, the named one included: app.log, app1.log, ... app{maxFiles-1}.log. */
  readonly maxFiles: number;
  /** Lines queued while the file is not keeping up or cannot be opened; beyond it lines are dropped and counted. */
  readonly maxBufferedBytes: number;
  readonly onError: ErrorHandler;
}

interface Entry {
  readonly text: string;
  readonly bytes: number;
}

/**
 * Appends lines to a file and rotates it by size, the way logrotate's numbered scheme does: the
 * named file always holds the newest lines, app1.log the ones before, and so on. One writer loop
 * does everything in order (open, write, rotate), so no line can overtake another or land in a
 * file that is about to be renamed, and `close()` resolves only once every line is written or
 * counted in `lost`.
 */
export class RotatingFile {
  /** Lines that never reached the file: dropped while queued, after close, or lost to a failed write. */
  lost = 0;
  private queue: Entry[] = [];
  private queuedBytes = 0;
  private stream: WriteStream | undefined;
  private size = 0;
  private running: Promise<void> | undefined;
  private reopenTimer: NodeJS.Timeout | undefined;
  private overflowing = false;
  private closing = false;
  private abandoned = false;
  private closed: Promise<void> | undefined;

  constructor(private readonly options: RotatingFileOptions) {}

  get filename(): string {
    return this.options.filename;
  }

  /** Queues one line (without its newline); never throws and never blocks. */
  write(line: string): void {
    const text = `${line}\n`;
    const bytes = Buffer.byteLength(text);
    if (this.closing) {
      this.lost++;
      return;
    }
    if (this.queuedBytes + bytes > this.options.maxBufferedBytes) {
      this.lost++;
      if (!this.overflowing) {
        this.overflowing = true;
        this.options.onError(
          new Error(
            `dropping log records: the log file ${this.options.filename} is not keeping up (or cannot be opened)`,
          ),
        );
      }
      return;
    }
    this.queue.push({ text, bytes });
    this.queuedBytes += bytes;
    this.kick();
  }

  /** Writes everything queued, then closes the file. Idempotent. */
  close(): Promise<void> {
    this.closed ??= this.finish();
    return this.closed;
  }

  /** Gives up on what is still queued (counted in `lost`) and releases the file; for a shutdown that ran out of time. */
  abandon(): void {
    this.closing = true;
    this.abandoned = true;
    this.dropQueue();
    clearTimeout(this.reopenTimer);
    this.reopenTimer = undefined;
    const stream = this.stream;
    this.stream = undefined;
    stream?.destroy();
  }

  private async finish(): Promise<void> {
    this.closing = true;
    clearTimeout(this.reopenTimer);
    this.reopenTimer = undefined;
    this.kick();
    while (this.running) await this.running;
    const stream = this.stream;
    this.stream = undefined;
    if (stream) await endStream(stream);
  }

  private kick(): void {
    if (this.running || this.reopenTimer || this.queue.length === 0) return;
    this.running = this.pump()
      .catch((error: unknown) => this.report("log file writer failed", error))
      .finally(() => {
        this.running = undefined;
        this.kick();
      });
  }

  private async pump(): Promise<void> {
    while (this.queue.length > 0) {
      if (!this.stream) {
        if (this.reopenTimer) return;
        if (!(await this.open())) {
          if (this.closing) this.dropQueue();
          return;
        }
      }
      const entries = this.queue;
      this.queue = [];
      let index = 0;
      let backlogged = false;
      while (index < entries.length) {
        const stream = this.stream;
        if (!stream) break;
        if (this.size > 0 && this.size + (entries[index] as Entry).bytes > this.options.maxSize) {
          backlogged = false;
          await this.rotate();
          continue;
        }
        let chunk = "";
        let lines = 0;
        let bytes = 0;
        while (index < entries.length && bytes < CHUNK_BYTES) {
          const entry = entries[index] as Entry;
          if (this.size + bytes > 0 && this.size + bytes + entry.bytes > this.options.maxSize) break;
          chunk += entry.text;
          bytes += entry.bytes;
          lines++;
          index++;
        }
        this.size += bytes;
        // Every chunk of the batch goes to the stream at once: it writes what it holds with one writev
        // per turn of the event loop, where waiting for 'drain' after each chunk wrote one chunk per turn.
        // Until a chunk is written its bytes still count against maxBufferedBytes.
        backlogged = !stream.write(chunk, (error) => {
          this.queuedBytes -= bytes;
          if (error) this.lost += lines;
        });
      }
      if (backlogged && this.stream) await drained(this.stream);
      if (index < entries.length) {
        if (this.abandoned) this.lost += entries.length - index;
        else this.queue = entries.slice(index).concat(this.queue);
      }
      if (this.queue.length === 0) this.overflowing = false;
    }
  }

  /** Opens the named file for appending; on failure reports it and, unless closing, schedules another try. */
  private async open(): Promise<boolean> {
    const { filename } = this.options;
    try {
      await mkdir(dirname(filename), { recursive: true });
      this.size = await sizeOf(filename);
    } catch (error) {
      this.openFailed(error);
      return false;
    }
    const stream = createWriteStream(filename, { flags: "a" });
    stream.on("error", (error) => {
      if (this.stream === stream) this.stream = undefined;
      this.openFailed(error);
    });
    if (!(await opened(stream))) return false;
    if (this.abandoned) {
      stream.destroy();
      return false;
    }
    this.stream = stream;
    return true;
  }

  private openFailed(error: unknown): void {
    this.report(`could not write the log file ${this.options.filename}`, error);
    if (this.closing || this.reopenTimer) return;
    this.reopenTimer = setTimeout(() => {
      this.reopenTimer = undefined;
      this.kick();
    }, REOPEN_DELAY_MS);
    this.reopenTimer.unref();
  }

  private async rotate(): Promise<void> {
    const stream = this.stream;
    this.stream = undefined;
    if (stream) await endStream(stream);
    let shifted = true;
    try {
      await this.shiftFiles();
    } catch (error) {
      shifted = false;
      this.report(`could not rotate the log file ${this.options.filename}`, error);
    }
    // If the file could not be renamed it keeps growing; counting from zero avoids retrying on every line.
    if ((await this.open()) && !shifted) this.size = 0;
  }

  /**
   * app.log -> app1.log -> app2.log ... up to the first number not in use, so only existing files
   * are touched; when all maxFiles are in use the oldest is deleted first (a rename cannot replace
   * a file on Windows).
   */
  private async shiftFiles(): Promise<void> {
    const last = this.options.maxFiles - 1;
    let free = 1;
    while (free < last && (await exists(this.nameOf(free)))) free++;
    if (free >= last) await ignoreMissing(unlink(this.nameOf(last)));
    for (let index = Math.min(free, last); index >= 1; index--) {
      await ignoreMissing(rename(this.nameOf(index - 1), this.nameOf(index)));
    }
  }

  private nameOf(index: number): string {
    const { filename } = this.options;
    if (index === 0) return filename;
    const extension = extname(filename);
    return join(dirname(filename), `${basename(filename, extension)}${index}${extension}`);
  }

  private dropQueue(): void {
    this.lost += this.queue.length;
    for (const entry of this.queue) this.queuedBytes -= entry.bytes;
    this.queue = [];
  }

  private report(message: string, error: unknown): void {
    const reason = error instanceof Error ? error.message : String(error);
    this.options.onError(new Error(`${message}: ${reason}`, { cause: error }));
  }
}

async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return 0;
    throw error;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

async function ignoreMissing(operation: Promise<void>): Promise<void> {
  try {
    await operation;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
}

/** true once the file is open, false if opening failed (the stream's 'error' listener reports it). */
function opened(stream: WriteStream): Promise<boolean> {
  return new Promise((resolve) => {
    stream.once("ready", () => resolve(true));
    stream.once("close", () => resolve(false));
  });
}

function drained(stream: WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroyed) return resolve();
    const done = () => {
      stream.off("drain", done);
      stream.off("close", done);
      resolve();
    };
    stream.on("drain", done);
    stream.on("close", done);
  });
}

/** Resolves once everything written is flushed and the file is closed (or the stream failed). */
function endStream(stream: WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.closed) return resolve();
    stream.once("close", resolve);
    stream.end();
  });
}
