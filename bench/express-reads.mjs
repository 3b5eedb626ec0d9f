// What one read of a property costs on Express's request and response, the first read of it in a request:
// Express swaps their prototype, so each has a hidden class of its own and such a read goes through V8's
// runtime. Beside some, another way to the same value. A diagnostic behind the design of the HTTP
// middleware, not part of `pnpm bench`; it asserts nothing.
//   node bench/express-reads.mjs [--requests 2000] [--warmup 5000]
// Each request reads every property once, in an order shuffled per request (a read can warm V8's caches for
// the next one on the same object), timed with process.hrtime around the read; an empty read, shuffled in
// with them, is subtracted. Medians over the requests; the machine's noise moves them by tens of percent.
import { OutgoingMessage } from "node:http";
import { parseArgs } from "node:util";
import express from "express";
import { formatNumber, formatTable, median } from "./lib/stats.mjs";

const { values } = parseArgs({
  options: { requests: { type: "string", default: "2000" }, warmup: { type: "string", default: "5000" } },
});
const requests = Number(values.requests);
const warmup = Number(values.warmup);
const { getHeader } = OutgoingMessage.prototype;

/** [what is read, how, the read itself]; another way to the same value right after the lookup. */
const READS = [
  ["(nothing: the timer alone)", "", () => undefined],
  ["the app", "req.app", (req) => req.app],
  ["the app", "Object.getPrototypeOf(req).app", (req) => Object.getPrototypeOf(req).app],
  ["Content-Length", 'res.getHeader("content-length")', (_req, res) => res.getHeader("content-length")],
  [
    "Content-Length",
    "OutgoingMessage.prototype.getHeader.call(res, …)",
    (_req, res) => getHeader.call(res, "content-length"),
  ],
  ["is it Node's response", "res instanceof OutgoingMessage", (_req, res) => res instanceof OutgoingMessage],
  ["the matched route", "req.route", (req) => req.route],
  ["the status", "res.statusCode", (_req, res) => res.statusCode],
  ["the headers", "req.headers", (req) => req.headers],
  ["the socket", "req.socket", (req) => req.socket],
  ["the client address", "req.ip", (req) => req.ip],
  ["the client address", "req.socket.remoteAddress", (req) => req.socket.remoteAddress],
];

const timings = READS.map(() => []);
let served = 0;

const app = express();
app.get("/hello", (req, res) => {
  res.setHeader("content-length", "5");
  served++;
  if (served > warmup) {
    for (const index of shuffled(READS.map((_read, index) => index))) {
      const read = READS[index][2];
      const start = process.hrtime.bigint();
      read(req, res);
      timings[index].push(Number(process.hrtime.bigint() - start));
    }
  }
  res.end("hello");
});

function shuffled(items) {
  for (let index = items.length - 1; index > 0; index--) {
    const other = Math.floor(Math.random() * (index + 1));
    [items[index], items[other]] = [items[other], items[index]];
  }
  return items;
}

const server = app.listen(0, "127.0.0.1");
await new Promise((resolve) => server.once("listening", resolve));
const url = `http://127.0.0.1:${server.address().port}/hello`;
for (let sent = 0; sent < warmup + requests; sent++) await (await fetch(url)).text();
server.close();

const timer = median(timings[0]);
const { version } = (await import("express/package.json", { with: { type: "json" } })).default;
console.log(
  `Express ${version}, ${requests} requests after ${warmup} of warm-up; ns, the timer's ${formatNumber(timer)} subtracted\n`,
);
console.log(
  formatTable(
    ["value", "read as", "ns (median)"],
    READS.slice(1).map(([what, how], index) => [what, `\`${how}\``, formatNumber(median(timings[index + 1]) - timer)]),
  ),
);
