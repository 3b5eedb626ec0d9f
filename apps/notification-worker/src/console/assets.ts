/**
 * The console's stylesheet and script, served from the worker itself (no CDN, works on a closed network).
 * Kept as strings so the bundled `dist/main.js` carries them; the page's CSP allows only these.
 */
export const CONSOLE_CSS = `
:root { color-scheme: light; --text: #1a1a1a; --muted: #4d4d4d; --line: #c8c8c8; --link: #0b57d0; --bg: #ffffff; --panel: #f4f5f7; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--text); background: var(--bg); }
a { color: var(--link); }
:focus-visible { outline: 3px solid var(--link); outline-offset: 2px; }
.skip { position: absolute; left: -999px; top: 0; background: var(--bg); padding: .5rem; }
.skip:focus { left: .5rem; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.top { display: flex; flex-wrap: wrap; gap: .5rem 1rem; justify-content: space-between; align-items: center; padding: .75rem 1rem; border-bottom: 1px solid var(--line); background: var(--panel); }
.brand { font-weight: 700; text-decoration: none; color: var(--text); }
main { max-width: 72rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.5rem; margin: .5rem 0; overflow-wrap: anywhere; }
h2 { font-size: 1.15rem; margin: 1.25rem 0 .5rem; overflow-wrap: anywhere; }
code { font-size: .9em; overflow-wrap: anywhere; }
.counts { display: flex; flex-wrap: wrap; gap: .75rem; list-style: none; padding: 0; margin: .5rem 0; }
.filters { display: flex; flex-wrap: wrap; gap: .75rem; align-items: flex-end; padding: .75rem; background: var(--panel); border-radius: 6px; }
.field { display: flex; flex-direction: column; gap: .25rem; min-width: 10rem; }
label { font-weight: 600; font-size: .9rem; }
input, select, textarea, button { font: inherit; color: var(--text); }
input, select, textarea { padding: .4rem .5rem; border: 1px solid #767676; border-radius: 4px; background: var(--bg); max-width: 100%; }
textarea { width: 100%; font-family: ui-monospace, monospace; }
button { padding: .45rem .9rem; border-radius: 4px; border: 1px solid #0842a0; background: #0b57d0; color: #ffffff; cursor: pointer; font-weight: 600; }
button:hover { background: #0842a0; }
.link-button { background: none; border: none; color: var(--link); text-decoration: underline; padding: 0 .25rem; font-weight: 400; }
.link-button:hover { background: none; }
.inline { display: inline; }
.who { color: var(--muted); }
.live, .hint { color: var(--muted); font-size: .9rem; }
.group { border: 1px solid var(--line); border-radius: 6px; margin: 1rem 0; }
.group h2 { margin: 0; padding: .5rem .75rem; background: var(--panel); border-bottom: 1px solid var(--line); font-size: 1rem; }
.meta { display: block; font-weight: 400; color: var(--muted); font-size: .85rem; }
.alerts { list-style: none; margin: 0; padding: 0; }
.alert { padding: .75rem; border-top: 1px solid var(--line); }
.alert:first-child { border-top: none; }
.alert-head { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; }
.alert-name { font-weight: 700; overflow-wrap: anywhere; }
.summary { margin: .35rem 0; overflow-wrap: anywhere; white-space: pre-wrap; }
.facts { display: flex; flex-wrap: wrap; gap: .25rem 1.5rem; margin: .25rem 0; }
.facts div { min-width: 0; }
.facts dt { display: inline; font-weight: 600; color: var(--muted); }
.facts dt::after { content: ": "; }
.facts dd { display: inline; margin: 0; overflow-wrap: anywhere; }
.pairs div { display: grid; grid-template-columns: minmax(6rem, 14rem) 1fr; gap: .5rem; padding: .25rem 0; border-bottom: 1px solid var(--line); }
.pairs dt { font-weight: 600; overflow-wrap: anywhere; }
.pairs dd { margin: 0; overflow-wrap: anywhere; white-space: pre-wrap; }
.badge { display: inline-block; padding: 0 .5rem; border-radius: 999px; font-size: .8rem; font-weight: 700; border: 1px solid transparent; }
.state-firing { background: #b00020; color: #ffffff; }
.state-acknowledged { background: #7a4100; color: #ffffff; }
.state-silenced { background: #3f3f8f; color: #ffffff; }
.state-resolved { background: #1b6e20; color: #ffffff; }
.severity, .delivery-pending, .delivery-in_flight, .delivery-delivered { background: var(--bg); color: var(--text); border-color: #767676; }
.delivery-dead { background: #b00020; color: #ffffff; }
.actions { display: flex; flex-direction: column; gap: 1rem; padding: .75rem; margin: 1rem 0; border: 1px solid var(--line); border-radius: 6px; }
.silence { display: flex; flex-direction: column; gap: .75rem; }
.silence h2 { margin: 0; }
.buttons { display: flex; gap: .75rem; flex-wrap: wrap; }
.preview { background: var(--panel); padding: .5rem .75rem; border-radius: 4px; }
.notice { padding: .5rem .75rem; border-radius: 4px; border: 1px solid; }
.notice-ok { border-color: #1b6e20; background: #eef7ee; }
.notice-error { border-color: #b00020; background: #fdeeee; }
.empty { color: var(--muted); }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .4rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; overflow-wrap: anywhere; }
.timeline { padding-left: 1.25rem; }
.timeline li { margin: .25rem 0; overflow-wrap: anywhere; }
.timeline time { font-family: ui-monospace, monospace; color: var(--muted); font-size: .85rem; }
.login { display: flex; flex-direction: column; gap: .75rem; max-width: 24rem; }
@media (max-width: 40rem) {
  .field { min-width: 100%; }
  .filters button { width: 100%; }
  table, thead, tbody, tr, td { display: block; }
  thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  tr { border-bottom: 2px solid var(--line); padding: .25rem 0; }
  td { border: none; padding: .15rem 0; }
  td::before { content: attr(data-label) ": "; font-weight: 600; color: var(--muted); }
  .pairs div { grid-template-columns: 1fr; gap: 0; }
}
`;

export const CONSOLE_JS = `"use strict";
(function () {
  var status = document.getElementById("live-status");
  var say = function (text) { if (status) status.textContent = text; };

  // Fetches this page (or the list fragment) again and swaps the parts marked live, keeping focus where it was.
  function liveUpdater(fetchUrl, swap) {
    var running = false, again = false;
    return function update() {
      if (running) { again = true; return; }
      running = true;
      fetch(fetchUrl(), { credentials: "same-origin", headers: { accept: "text/html" } })
        .then(function (response) { if (!response.ok) throw new Error("HTTP " + response.status); return response.text(); })
        .then(function (text) { swap(text); say("Live · updated " + new Date().toLocaleTimeString()); })
        .catch(function () { say("Update failed; will retry on the next change."); })
        .then(function () { running = false; if (again) { again = false; update(); } });
    };
  }

  function keepFocus(container, replace) {
    var active = document.activeElement;
    var href = active && container.contains(active) ? active.getAttribute("href") : null;
    replace();
    if (href) {
      var links = container.querySelectorAll("a[href]");
      for (var i = 0; i < links.length; i++) if (links[i].getAttribute("href") === href) { links[i].focus(); break; }
    }
  }

  var list = document.getElementById("alert-list");
  var liveParts = document.querySelectorAll("[data-live]");
  var update = null;
  if (list) {
    update = liveUpdater(function () { return list.getAttribute("data-src"); }, function (text) {
      var template = document.createElement("template");
      template.innerHTML = text;
      keepFocus(list, function () { list.replaceChildren(template.content); });
    });
  } else if (liveParts.length > 0) {
    update = liveUpdater(function () { return window.location.pathname; }, function (text) {
      var fresh = new DOMParser().parseFromString(text, "text/html");
      var parts = document.querySelectorAll("[data-live]");
      for (var i = 0; i < parts.length; i++) {
        var next = fresh.getElementById(parts[i].id);
        if (next) parts[i].replaceWith(document.adoptNode(next));
      }
    });
  }
  if (update && window.EventSource) {
    var source = new EventSource("/console/events");
    source.addEventListener("open", function () { say("Live"); update(); });
    source.addEventListener("change", update);
    source.addEventListener("error", function () { say("Live updates interrupted; reconnecting…"); });
    setInterval(update, 60000);
  }

  // Silence form: show which active alerts the matchers would mute, as they are typed.
  var matchers = document.getElementById("silence-matchers");
  var preview = document.getElementById("silence-preview");
  var previewButton = document.getElementById("silence-preview-button");
  if (matchers && preview) {
    var timer = null;
    var showPreview = function () {
      var query = new URLSearchParams();
      matchers.value.split(/\\r?\\n/).forEach(function (line) { if (line.trim()) query.append("matcher", line.trim()); });
      fetch("/silences/preview?" + query.toString(), { credentials: "same-origin" })
        .then(function (response) { return response.json(); })
        .then(function (body) {
          preview.replaceChildren();
          var p = document.createElement("p");
          if (body.error) { p.className = "notice notice-error"; p.textContent = body.error; preview.append(p); return; }
          var alerts = body.alerts || [];
          p.textContent = alerts.length === 0 ? "These matchers mute no alert that is active now."
            : "Would mute " + alerts.length + (alerts.length === 1 ? " active alert:" : " active alerts:");
          preview.append(p);
          if (alerts.length === 0) return;
          var ul = document.createElement("ul");
          alerts.forEach(function (alert) {
            var li = document.createElement("li");
            var a = document.createElement("a");
            a.href = "/console/alerts/" + encodeURIComponent(alert.fingerprint);
            a.textContent = alert.labels.alertname;
            li.append(a);
            Object.keys(alert.labels).forEach(function (name) {
              if (name === "alertname") return;
              var code = document.createElement("code");
              code.textContent = name + "=" + JSON.stringify(alert.labels[name]);
              li.append(" ", code);
            });
            ul.append(li);
          });
          preview.append(ul);
        })
        .catch(function () { preview.textContent = "Preview unavailable."; });
    };
    matchers.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(showPreview, 300); });
    if (previewButton) { previewButton.hidden = false; previewButton.addEventListener("click", showPreview); }
  }
})();
`;

/** A bell, so the browser's icon request finds something on this origin. */
export const CONSOLE_ICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><path fill="#b00020" d="M8 1a1 1 0 0 1 1 1v.6A4.5 4.5 0 0 1 12.5 7v3l1.5 2H2l1.5-2V7A4.5 4.5 0 0 1 7 2.6V2a1 1 0 0 1 1-1zm-2 12h4a2 2 0 0 1-4 0z"/></svg>`;
