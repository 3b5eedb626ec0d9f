import { OutgoingMessage, type ServerResponse } from "node:http";

// Identical copies live in @periscope/metrics and logging (packages do not import each other's internals).

const { getHeader, setHeader } = OutgoingMessage.prototype;
/** The last prototype met whose objects are Node's own responses (an Express app's `response` object, say). */
let nodeResponsePrototype: object | null = null;

/**
 * True when Node's own OutgoingMessage methods apply to `response`. They are then called directly: Express
 * swaps a response's prototype, so `response.getHeader` would be looked up through a hidden class of its
 * own in V8's runtime (half a microsecond or more a method). Others (HTTP/2's compatibility API) keep theirs.
 */
function isNodeResponse(response: ServerResponse): boolean {
  const prototype = Object.getPrototypeOf(response) as object | null;
  if (prototype === nodeResponsePrototype) return true;
  if (!(response instanceof OutgoingMessage)) return false;
  nodeResponsePrototype = prototype;
  return true;
}

/** `response.getHeader(name)`. */
export function responseHeader(response: ServerResponse, name: string): ReturnType<ServerResponse["getHeader"]> {
  return isNodeResponse(response) ? getHeader.call(response, name) : response.getHeader(name);
}

/** `response.setHeader(name, value)`; throws as it does (headers already sent, an invalid value). */
export function setResponseHeader(response: ServerResponse, name: string, value: string): void {
  if (isNodeResponse(response)) setHeader.call(response, name, value);
  else response.setHeader(name, value);
}
