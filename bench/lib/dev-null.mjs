// Log destinations for the logging benchmarks: /dev/null, so the terminal and the disk stay out of the
// measurement, with a count of the writes that reached it (one per log line for line-oriented loggers).
import { createWriteStream } from "node:fs";

export function countWrites(stream) {
  let writes = 0;
  let lines = 0;
  const write = stream.write.bind(stream);
  stream.write = (chunk, ...rest) => {
    writes++;
    if (typeof chunk === "string") {
      for (let index = chunk.indexOf("\n"); index !== -1; index = chunk.indexOf("\n", index + 1)) lines++;
    }
    return write(chunk, ...rest);
  };
  return { stream, writes: () => writes, lines: () => lines };
}

export function devNullStream() {
  return countWrites(createWriteStream("/dev/null"));
}
