import { createTransport } from "nodemailer";
import type { Alert } from "../alerts/alert.js";
import { escapeHtml, safeLink } from "../templates/escape.js";
import type { ChannelBase } from "./base.js";
import { createChannelBase } from "./base.js";
import type { AttemptOutcome } from "./deliver.js";
import type { Channel, CommonChannelOptions } from "./types.js";

export interface EmailChannelOptions extends CommonChannelOptions {
  smtp: {
    host: string;
    port: number;
    /** TLS from the start (port 465). Default false. */
    secure?: boolean;
    /** Do not upgrade with STARTTLS even when offered. Default false. */
    ignoreTLS?: boolean;
    /** Fail unless STARTTLS is available. Default false. */
    requireTLS?: boolean;
    auth?: { user: string; pass: string };
  };
  from: string;
  to: string | string[];
}

// SMTP 4xx replies are transient by definition (RFC 5321 4.2.1); these socket-level codes are too.
const transientCodes = new Set(["ECONNECTION", "ETIMEDOUT", "ESOCKET", "EDNS", "ECONNRESET", "ECONNREFUSED"]);

export function classifySmtpError(error: unknown): AttemptOutcome {
  const { responseCode, code, message } = (error ?? {}) as { responseCode?: number; code?: string; message?: string };
  const outcome: AttemptOutcome = { ok: false, retryable: false, error: message ?? String(error) };
  if (typeof responseCode === "number") {
    outcome.status = responseCode;
    outcome.retryable = responseCode >= 400 && responseCode < 500;
  } else if (code !== undefined) outcome.retryable = transientCodes.has(code);
  return outcome;
}

/** Subject, text and HTML parts of an alert email. */
export function emailContent(
  base: Pick<ChannelBase, "render">,
  alert: Alert,
): { subject: string; text: string; html: string } {
  const text = base.render(alert, "text");
  const html = base.render(alert, "html");
  const { context } = text;
  const runbook = safeLink(context.runbookUrl);
  const source = safeLink(context.generatorURL);
  const rows: [string, string][] = [
    ["Status", context.statusUpper],
    ["Severity", context.labels.severity ?? ""],
    ["Service", context.labels.service ?? ""],
    ["Value", context.value],
    ["Fingerprint", context.fingerprint],
  ];
  const shown = rows.filter(([, value]) => value !== "");
  const textPart = [
    text.title,
    "",
    text.body,
    "",
    ...shown.map(([label, value]) => `${label}: ${value}`),
    ...(runbook ? [`Runbook: ${runbook}`] : []),
    ...(source ? [`Source: ${source}`] : []),
    "",
    "Labels:",
    ...Object.entries(context.labels).map(([name, value]) => `  ${name}=${value}`),
  ].join("\n");
  const htmlPart = [
    "<!doctype html><html><body>",
    `<h2>${escapeHtml(html.title)}</h2>`,
    `<p style="white-space:pre-wrap">${html.body}</p>`,
    "<table>",
    ...shown.map(([label, value]) => `<tr><th align="left">${label}</th><td>${escapeHtml(value)}</td></tr>`),
    "</table>",
    runbook ? `<p><a href="${escapeHtml(runbook)}">Runbook</a></p>` : "",
    source ? `<p><a href="${escapeHtml(source)}">Source</a></p>` : "",
    "</body></html>",
  ].join("\n");
  return { subject: text.title, text: textPart, html: htmlPart };
}

/** Sends a text + HTML email per alert over SMTP (nodemailer). */
export function createEmailChannel(options: EmailChannelOptions): Channel {
  const smtp = options?.smtp;
  if (!smtp || typeof smtp.host !== "string" || smtp.host === "")
    throw new TypeError("email channel: smtp.host is required");
  if (!Number.isInteger(smtp.port) || smtp.port <= 0 || smtp.port > 65535) {
    throw new RangeError(`email channel: smtp.port must be an integer from 1 to 65535, got ${String(smtp.port)}`);
  }
  if (typeof options.from !== "string" || options.from === "") throw new TypeError("email channel: from is required");
  const to = Array.isArray(options.to) ? options.to : [options.to];
  if (to.length === 0 || to.some((address) => typeof address !== "string" || address === "")) {
    throw new TypeError("email channel: to must be an address or a non-empty array of addresses");
  }
  const base = createChannelBase("email", options);
  const transport = createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure ?? false,
    ignoreTLS: smtp.ignoreTLS ?? false,
    requireTLS: smtp.requireTLS ?? false,
    ...(smtp.auth ? { auth: smtp.auth } : {}),
    connectionTimeout: base.timeoutMs,
    greetingTimeout: base.timeoutMs,
    socketTimeout: base.timeoutMs,
  });
  let closed = false;
  const attempt = async (alert: Alert, signal: AbortSignal): Promise<AttemptOutcome> => {
    const content = emailContent(base, alert);
    const sending = transport.sendMail({ from: options.from, to, ...content }).then(
      (info): AttemptOutcome => ({
        ok: true,
        retryable: false,
        status: Number.parseInt(String(info.response), 10) || 250,
      }),
      classifySmtpError,
    );
    // nodemailer takes no AbortSignal; its own socket timeouts end the abandoned connection.
    const aborted = new Promise<never>((_, reject) => {
      if (signal.aborted) reject(signal.reason);
      signal.addEventListener("abort", () => reject(signal.reason), { once: true });
    });
    return Promise.race([sending, aborted]);
  };
  return {
    kind: "email",
    name: base.name,
    send: (alert, sendOptions) => base.send(alert, sendOptions, attempt),
    async shutdown() {
      if (closed) return;
      closed = true;
      await base.shutdown();
      transport.close();
    },
  };
}
