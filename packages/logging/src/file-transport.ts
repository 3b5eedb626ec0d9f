import type winston from "winston";
import type { ErrorHandler } from "./error-reporter.js";
import { renderJson } from "./render.js";
import { RotatingFile } from "./rotating-file.js";
import type { JsonObject } from "./sanitize.js";
import { type LogFormat, resolvePositiveInteger } from "./settings.js";
import { Transport } from "./transport-base.js";

const MESSAGE = Symbol.for("message");

export interface FileOptions {
  /** Path of the file written; rotated files get a number before the extension (app1.log, app2.log). */
  filename: string;
  /** Rotate before the file would pass this many bytes. Default 10 MiB. */
  maxSize?: number;
  /** Files kept, the named one included. Default 5. */
  maxFiles?: number;
}

export interface FileTransportSettings {
  readonly loggerFormat: LogFormat;
  readonly onError: ErrorHandler;
  readonly maxBufferedBytes: number;
}

/**
 * JSON lines to a file rotated by size; files always get JSON lines, even when the terminal gets
 * pretty ones. Not winston's File transport: that one can emit 'finish' in the middle of a
 * rotation, before its last lines are in any file, and can leave the named file empty.
 */
export class FileTransport extends Transport {
  readonly file: RotatingFile;

  constructor(options: FileOptions, settings: FileTransportSettings) {
    if (typeof options?.filename !== "string" || options.filename === "") {
      throw new Error("@periscope/logging: `file.filename` must be a non-empty path.");
    }
    super(settings.loggerFormat === "pretty" ? { format: jsonLines() } : {});
    this.file = new RotatingFile({
      filename: options.filename,
      maxSize: resolvePositiveInteger("file.maxSize", options.maxSize, 10 * 1024 * 1024),
      maxFiles: resolvePositiveInteger("file.maxFiles", options.maxFiles, 5),
      maxBufferedBytes: settings.maxBufferedBytes,
      onError: settings.onError,
    });
  }

  override log(info: Record<symbol, unknown>, callback: () => void): void {
    this.file.write(String(info[MESSAGE]));
    callback();
  }

  /** Queues one rendered line (without its newline). */
  writeLine(line: string): void {
    this.file.write(line);
  }

  /** winston calls this when the transport is removed from its logger. */
  override close(): void {
    void this.file.close();
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.file.close().then(
      () => callback(),
      (error: Error) => callback(error),
    );
  }
}

function jsonLines(): winston.Logform.Format {
  return {
    transform(info: Record<string | symbol, unknown>) {
      info[MESSAGE] = renderJson(info as JsonObject);
      return info as winston.Logform.TransformableInfo;
    },
  } as winston.Logform.Format;
}
