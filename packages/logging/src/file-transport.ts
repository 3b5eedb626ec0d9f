import winston from "winston";
import { renderJson } from "./render.js";
import type { JsonObject } from "./sanitize.js";
import { type LogFormat, resolvePositiveInteger } from "./settings.js";

const MESSAGE = Symbol.for("message");

export interface FileOptions {
  /** Path of the file written; rotated files get a number before the extension (app1.log, app2.log). */
  filename: string;
  /** Rotate when the file reaches this many bytes. Default 10 MiB. */
  maxSize?: number;
  /** Rotated files kept. Default 5. */
  maxFiles?: number;
}

/**
 * winston's own File transport with size rotation. Files always get JSON lines, even when the
 * terminal gets pretty ones.
 */
export function fileTransport(options: FileOptions, loggerFormat: LogFormat): winston.transport {
  if (typeof options?.filename !== "string" || options.filename === "") {
    throw new Error("@periscope/logging: `file.filename` must be a non-empty path.");
  }
  return new winston.transports.File({
    filename: options.filename,
    maxsize: resolvePositiveInteger("file.maxSize", options.maxSize, 10 * 1024 * 1024),
    maxFiles: resolvePositiveInteger("file.maxFiles", options.maxFiles, 5),
    tailable: true,
    ...(loggerFormat === "pretty" ? { format: jsonLines() } : {}),
  });
}

function jsonLines(): winston.Logform.Format {
  return {
    transform(info: Record<string | symbol, unknown>) {
      info[MESSAGE] = renderJson(info as JsonObject);
      return info as winston.Logform.TransformableInfo;
    },
  } as winston.Logform.Format;
}
