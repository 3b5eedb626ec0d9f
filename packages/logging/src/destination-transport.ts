import type { ErrorHandler } from "./error-reporter.js";
import { Transport } from "./transport-base.js";
import { type BatchingWriter, FLUSH_AFTER_MS, FLUSH_AT_BYTES, writtenOnExit } from "./write-batching.js";

const MESSAGE = Symbol.for("message");

export interface DestinationTransportOptions {
  readonly destination: NodeJS.WritableStream;
  readonly onError: ErrorHandler;
  /** Lines kept while the destination does not drain; beyond it new lines are dropped and reported. */
  readonly maxBufferedBytes: number;
}

/**
 * Writes each record's line to a stream (stdout by default), many lines per write: one write call
 * every few milliseconds instead of one per record keeps the request path cheap. Lines still waiting
 * are written synchronously-enough on `process.exit` (stdout to a file or pipe is synchronous).
 */
export class DestinationTransport extends Transport implements BatchingWriter {
  private lines: string[] = [];
  private bufferedBytes = 0;
  private scheduled = false;
  private waitingForDrain = false;
  private dropped = 0;
  private droppedSinceStart = 0;
  private writing = false;
  private readonly flushSoon = () => {
    this.scheduled = false;
    this.flush();
  };
  private readonly afterWrite = () => {
    this.writing = false;
    if (this.lines.length > 0) this.schedule();
  };
  private readonly onDestinationError = (error: unknown) => this.options.onError(error);

  constructor(private readonly options: DestinationTransportOptions) {
    super();
    options.destination.on("error", this.onDestinationError);
  }

  override log(info: Record<symbol, unknown>, callback: () => void): void {
    this.writeLine(String(info[MESSAGE]));
    callback();
  }

  /** Queues one rendered line (without its newline). */
  writeLine(line: string): void {
    if (this.waitingForDrain && this.bufferedBytes + line.length > this.options.maxBufferedBytes) {
      this.dropped++;
      this.droppedSinceStart++;
    } else {
      this.lines.push(line);
      this.bufferedBytes += line.length + 1;
      if (this.bufferedBytes >= FLUSH_AT_BYTES) this.flush(true);
      else this.schedule();
    }
  }

  /**
   * Writes what is waiting, unless the destination asked to wait for 'drain'. While a write is in
   * flight, lines wait for it to finish (unless `now`), so a busy server makes fewer, larger writes.
   */
  flush(now = false): void {
    if (this.waitingForDrain || this.lines.length === 0 || (this.writing && !now)) return;
    const chunk = `${this.lines.join("\n")}\n`;
    this.lines = [];
    this.bufferedBytes = 0;
    writtenOnExit(this, false);
    this.reportDropped();
    try {
      this.writing = true;
      if (!this.options.destination.write(chunk, this.afterWrite)) {
        this.waitingForDrain = true;
        this.options.destination.once("drain", () => {
          this.waitingForDrain = false;
          this.flush();
        });
      }
    } catch (error) {
      this.writing = false;
      this.options.onError(error);
    }
  }

  /** Records dropped since the logger was created because the destination did not drain. */
  get droppedRecords(): number {
    return this.droppedSinceStart;
  }

  /** Resolves once every line is handed to the destination and the destination has drained. */
  async drained(): Promise<void> {
    this.flush(true);
    while (this.waitingForDrain || this.lines.length > 0) {
      await new Promise<void>((resolve) => this.options.destination.once("drain", () => setImmediate(resolve)));
      this.flush(true);
    }
  }

  /** Stops listening to the destination; the destination itself belongs to the caller and stays open. */
  detach(): void {
    this.options.destination.off("error", this.onDestinationError);
    writtenOnExit(this, false);
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.drained().then(
      () => callback(),
      (error: Error) => callback(error),
    );
  }

  flushForExit(): void {
    this.flush(true);
  }

  private schedule(): void {
    // The first line since the last write registers for the exit hook (flush() unregisters).
    if (this.lines.length === 1) {
      writtenOnExit(this, true);
    }
    if (this.scheduled) return;
    this.scheduled = true;
    setTimeout(this.flushSoon, FLUSH_AFTER_MS).unref();
  }

  private reportDropped(): void {
    if (this.dropped === 0) return;
    const count = this.dropped;
    this.dropped = 0;
    this.options.onError(new Error(`dropped ${count} log records: the destination stream is not draining`));
  }
}
