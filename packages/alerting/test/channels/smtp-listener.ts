import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export interface SmtpListener {
  port: number;
  messages: { from: string; to: string[]; raw: string }[];
  close(): Promise<void>;
}

/** A real SMTP server on 127.0.0.1, port 0; `reject` answers DATA with that code the first N times. */
export async function startSmtp(
  reject: { code: number; times: number } | undefined = undefined,
): Promise<SmtpListener> {
  const messages: SmtpListener["messages"] = [];
  let rejected = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        if (reject && rejected < reject.times) {
          rejected += 1;
          const error = Object.assign(new Error(reject.code >= 500 ? "mailbox unavailable" : "try again later"), {
            responseCode: reject.code,
          });
          callback(error);
          return;
        }
        messages.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((entry) => entry.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return { port, messages, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
