import type { ConsoleSession } from "./console-auth.js";
import { html, type SafeHtml } from "./html.js";

export const ASSET_VERSION = "1";

export interface LayoutOptions {
  title: string;
  session: ConsoleSession | undefined;
  /** Where the login link brings the user back to. */
  path: string;
  body: SafeHtml;
}

export function layout(options: LayoutOptions): SafeHtml {
  const { session } = options;
  const account = session
    ? html`<form method="post" action="/console/logout" class="inline">
        <input type="hidden" name="csrf" value="${session.csrf}">
        <span class="who">Signed in as ${session.name}</span>
        <button type="submit" class="link-button">Log out</button>
      </form>`
    : html`<a href="/console/login?next=${encodeURIComponent(options.path)}">Log in to act</a>`;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} · On-call console</title>
<link rel="icon" href="/console/assets/icon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/console/assets/console.css?v=${ASSET_VERSION}">
<script src="/console/assets/console.js?v=${ASSET_VERSION}" defer></script>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="top">
  <a class="brand" href="/">On-call console</a>
  <nav aria-label="Account">${account}</nav>
</header>
<main id="main">
${options.body}
</main>
</body>
</html>
`;
}

/** A short notice at the top of a page, from a fixed list of messages (never echoed from the request). */
export function notice(text: string | undefined, kind: "ok" | "error" = "ok"): SafeHtml {
  if (!text) return html``;
  return html`<p class="notice notice-${kind}" role="${kind === "error" ? "alert" : "status"}">${text}</p>`;
}
