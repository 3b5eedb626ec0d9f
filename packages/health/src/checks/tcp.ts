import { connect } from "node:net";
import type { CheckContext, CheckOutcome, HealthCheck } from "../check-types.js";

export interface TcpCheckOptions {
  host: string;
  port: number;
}

/** Opens a TCP connection (then closes it): passes when the port accepts. */
export function tcpCheck(options: TcpCheckOptions): HealthCheck {
  const host = options?.host;
  const port = options?.port;
  if (typeof host !== "string" || host === "") throw new TypeError("@periscope/health: tcpCheck needs a host");
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new TypeError(`@periscope/health: tcpCheck port must be an integer from 1 to 65535, got ${String(port)}`);
  }
  return {
    run({ signal }: CheckContext): Promise<CheckOutcome> {
      return new Promise((resolve, reject) => {
        if (signal.aborted) {
          reject(signal.reason);
          return;
        }
        const socket = connect({ host, port });
        const onAbort = () => {
          socket.destroy();
          reject(signal.reason);
        };
        signal.addEventListener("abort", onAbort, { once: true });
        socket.once("connect", () => {
          signal.removeEventListener("abort", onAbort);
          socket.destroy();
          resolve({ status: "pass" });
        });
        socket.once("error", (error) => {
          signal.removeEventListener("abort", onAbort);
          socket.destroy();
          reject(error);
        });
      });
    },
  };
}
