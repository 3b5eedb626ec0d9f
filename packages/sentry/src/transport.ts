import * as http from "node:http";
import * as https from "node:https";
import { makeNodeTransport, type NodeOptions } from "@sentry/node";
import type { DeliveryCounter } from "./delivery-stats.js";

type TransportFactory = NonNullable<NodeOptions["transport"]>;
type TransportOptions = Parameters<typeof makeNodeTransport>[0];
type HttpModule = NonNullable<TransportOptions["httpModule"]>;

export interface BoundedTransportOptions {
  counter: DeliveryCounter;
  /** A request to the DSN that has not answered by then is aborted (counted as failed). */
  sendTimeoutMs: number;
  onError: (error: unknown) => void;
}

/**
 * Sentry's Node transport with a deadline on every request and counters. Its buffer (`bufferSize`) bounds
 * what is held while the DSN is slow; Sentry drops what does not fit (reported as `queue_overflow`).
 */
export function boundedTransport({ counter, sendTimeoutMs, onError }: BoundedTransportOptions): TransportFactory {
  return (options: TransportOptions) =>
    makeNodeTransport({
      ...options,
      httpModule: options.httpModule ?? deadlineHttpModule(options.url, sendTimeoutMs, counter, onError),
      recordDroppedEvent: (reason, category, count) => {
        counter.drop(reason, count ?? 1);
        options.recordDroppedEvent(reason, category, count);
      },
    });
}

function deadlineHttpModule(
  url: string,
  timeoutMs: number,
  counter: DeliveryCounter,
  onError: (error: unknown) => void,
): HttpModule {
  const module = url.startsWith("https:") ? https : http;
  return {
    request(requestOptions, callback) {
      const request = module.request(requestOptions as http.RequestOptions, (response) => {
        if (response.statusCode !== undefined && response.statusCode >= 200 && response.statusCode < 300) {
          counter.sent();
        } else {
          counter.failed();
          onError(new Error(`@periscope/sentry: the DSN answered ${response.statusCode}`));
        }
        callback?.(response);
      });
      request.setTimeout(timeoutMs, () => {
        request.destroy(new Error(`@periscope/sentry: the DSN did not answer within ${timeoutMs} ms`));
      });
      request.on("error", (error) => {
        counter.failed();
        onError(error);
      });
      return request;
    },
  };
}
