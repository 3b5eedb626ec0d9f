import { closeSync, open as openFile, writeSync } from "node:fs";
import { access, mkdir, rename, stat, unlink } from "node:fs/promises";
import { basename, dirname, extname, join } from "node:path";
import type { ErrorHandler } from "./error-reporter.js";
import { type BatchingWriter, FLUSH_AFTER_MS, FLUSH_AT_BYTES, writtenOnExit } from "./write-batching.js";

/** After the file could not be opened or written, the next attempt waits this long (records queue meanwhile). */
const REOPEN_DELAY_MS = 1000;

export interface RotatingFileOptions {
  readonly filename: string;
  /** A file is rotated before a line would take it past this many bytes. */
  readonly maxSize: number;
  /** Files kept in all, the named one included: app.log, app1.log, ... app{maxFiles-1}.log. */
  readonly maxFiles: number;
  /** Lines queued while the file cannot be opened or is being rotated; beyond it lines are dropped and counted. */
  readonly maxBufferedBytes: number;
  readonly onError: ErrorHandler;
}

interface Entry {
  readonly text: string;
  readonly bytes: number;
}

/**
 * Appends lines to a file and rotates it by size, the way logrotate's numbered scheme does: the
 * named file always holds the newest lines, app1.log the ones before, and so on.
 *
 * Lines are gathered for a few milliseconds (or 64 KiB) and written with one synchronous write,
 * as pino's file destination does by default: an asynchronous write costs a round trip through
 * libuv's thread pool, tens of microseconds of CPU each, more than the records it carries, while
 * a write to the page cache takes a few. Opening and rotating stay asynchronous; lines queue
 * meanwhile (up to maxBufferedBytes), so none overtakes another or lands in a file about to be
 * renamed. `close()` resolves only once every line is written or counted in `lost`.
 */
export class RotatingFile implements BatchingWriter {
  /** Lines that never reached the file: dropped while queued, after close, or lost to a failed write. */
  lost = 0;
  private queue: Entry[] = [];
  private queuedBytes = 0;
  private fd: number | undefined;
  private size = 0;
  /** An open or a rotation in progress; the queue is flushed when it ends. */
  private busy: Promise<void> | undefined;
  private flushTimer: NodeJS.Timeout | undefined;
  private reopenTimer: NodeJS.Timeout | undefined;
  private overflowing = false;
  private closing = false;
  private abandoned = false;
  private closed: Promise<void> | undefined;

  constructor(private readonly options: RotatingFileOptions) {}

  get filename(): string {
    return this.options.filename;
  }

  /** Queues one line (without its newline); never throws and never waits. */
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
    if (this.queuedBytes >= FLUSH_AT_BYTES) this.flush();
    else this.scheduleFlush();
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
    this.clearTimers();
    this.closeFile();
  }

  /** Writes what is queued now, if the file is open; used on process exit. */
  flushForExit(): void {
    this.flush();
  }

  private async finish(): Promise<void> {
    this.closing = true;
    this.clearTimers();
    this.flush();
    while (this.busy) {
      await this.busy;
      this.flush();
    }
    // Still queued: the file could not be opened, even by the attempt close() made.
    this.dropQueue();
    this.closeFile();
  }

  private scheduleFlush(): void {
    if (this.flushTimer || this.busy || this.reopenTimer) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      this.flush();
    }, FLUSH_AFTER_MS);
    this.flushTimer.unref();
    writtenOnExit(this, true);
  }

  /** Writes the queue while the file is open, in chunks; opens or rotates the file (asynchronously) when due. */
  private flush(): void {
    if (this.busy || this.abandoned || (this.reopenTimer && !this.closing)) return;
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    writtenOnExit(this, false);
    const entries = this.queue;
    let index = 0;
    while (index < entries.length) {
      const fd = this.fd;
      if (fd === undefined) {
        this.startBusy(this.open());
        break;
      }
      if (this.size > 0 && this.size + (entries[index] as Entry).bytes > this.options.maxSize) {
        this.startBusy(this.rotate());
        break;
      }
      let chunk = "";
      let lines = 0;
      let bytes = 0;
      while (index + lines < entries.length && bytes < FLUSH_AT_BYTES) {
        const entry = entries[index + lines] as Entry;
        if (this.size + bytes > 0 && this.size + bytes + entry.bytes > this.options.maxSize) break;
        chunk += entry.text;
        bytes += entry.bytes;
        lines++;
      }
      index += lines;
      this.queuedBytes -= bytes;
      try {
        writeFully(fd, chunk, bytes);
        this.size += bytes;
      } catch (error) {
        this.lost += lines;
        this.closeFile();
        this.openFailed(error);
        break;
      }
    }
    this.queue = index === 0 ? entries : entries.slice(index);
    if (this.queue.length === 0) this.overflowing = false;
  }

  private startBusy(work: Promise<unknown>): void {
    this.busy = work
      .then(
        () => undefined,
        (error: unknown) => this.report("log file writer failed", error),
      )
      .finally(() => {
        this.busy = undefined;
        // Closing, and the file could not be opened even now: what is queued is lost.
        if (this.closing && this.fd === undefined) this.dropQueue();
        else this.flush();
      });
  }

  /** Opens the named file for appending; on failure reports it and, unless closing, schedules another try. */
  private async open(): Promise<boolean> {
    const { filename } = this.options;
    let fd: number;
    try {
      await mkdir(dirname(filename), { recursive: true });
      this.size = await sizeOf(filename);
      fd = await new Promise<number>((resolve, reject) =>
        openFile(filename, "a", (error, opened) => (error ? reject(error) : resolve(opened))),
      );
    } catch (error) {
      this.openFailed(error);
      return false;
    }
    if (this.abandoned) {
      closeQuietly(fd);
      return false;
    }
    this.fd = fd;
    return true;
  }

  private openFailed(error: unknown): void {
    this.report(`could not write the log file ${this.options.filename}`, error);
    if (this.closing || this.reopenTimer) return;
    this.reopenTimer = setTimeout(() => {
      this.reopenTimer = undefined;
      this.flush();
    }, REOPEN_DELAY_MS);
    this.reopenTimer.unref();
  }

  private async rotate(): Promise<void> {
    this.closeFile();
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
    this.queue = [];
    this.queuedBytes = 0;
  }

  private closeFile(): void {
    const fd = this.fd;
    this.fd = undefined;
    if (fd !== undefined) closeQuietly(fd);
  }

  private clearTimers(): void {
    clearTimeout(this.flushTimer);
    clearTimeout(this.reopenTimer);
    this.flushTimer = undefined;
    this.reopenTimer = undefined;
    writtenOnExit(this, false);
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

/** Writes all of `text` (`bytes` long in UTF-8); a short write, which regular files do not make, is completed. */
function writeFully(fd: number, text: string, bytes: number): void {
  const written = writeSync(fd, text);
  if (written >= bytes) return;
  const rest = Buffer.from(text).subarray(written);
  for (let offset = 0; offset < rest.length; ) offset += writeSync(fd, rest, offset);
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // Already closed or failed: nothing is left to flush on a file written synchronously.
  }
}
