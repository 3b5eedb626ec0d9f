import { html, type SafeHtml } from "./html.js";

export interface LoginView {
  mode: "token" | "loopback";
  canLogIn: boolean;
  next: string;
  error?: string;
}

/** Only a path on this site: never `//host` or a scheme, so a login link cannot send anyone elsewhere. */
export function localPath(value: unknown): string {
  return typeof value === "string" && /^\/(?![/\\])[^\s]*$/.test(value) && value.length < 500 ? value : "/";
}

export function loginBody(view: LoginView): SafeHtml {
  const error = view.error ? html`<p class="notice notice-error" role="alert">${view.error}</p>` : "";
  if (!view.canLogIn) {
    return html`<h1>Log in</h1>
<p class="notice notice-error" role="alert">Actions are disabled: the worker has no WORKER_API_TOKEN, so only clients on this machine (127.0.0.1) may act. Set WORKER_API_TOKEN to allow logins from elsewhere.</p>
<p><a href="/">Back to the alerts</a> (reading needs no login).</p>`;
  }
  const tokenField =
    view.mode === "token"
      ? html`<div class="field">
    <label for="login-token">Worker API token</label>
    <input id="login-token" name="token" type="password" autocomplete="current-password" required>
  </div>`
      : html`<p class="hint">No WORKER_API_TOKEN is set: clients on this machine may act without one.</p>`;
  return html`<h1>Log in</h1>
${error}
<form method="post" action="/console/login" class="login">
  <input type="hidden" name="next" value="${view.next}">
  <div class="field">
    <label for="login-name">Your name (shown on acknowledgements and silences)</label>
    <input id="login-name" name="name" autocomplete="username" maxlength="100" required>
  </div>
  ${tokenField}
  <button type="submit" id="login-button">Log in</button>
</form>`;
}
