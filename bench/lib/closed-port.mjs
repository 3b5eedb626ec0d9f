// A DSN for the Sentry variants: a closed port on 127.0.0.1, so nothing is sent and nothing waits long.
import { createServer } from "node:http";

export async function closedPortDsn() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return `http://publickey@127.0.0.1:${port}/1`;
}
