import type { TemplateContext } from "./context.js";
import { escapeFor, type TemplateTarget } from "./escape.js";

export interface Templates {
  /** Default: `[{{statusUpper}}] {{labels.alertname}}: {{summary}}`. */
  title?: string;
  /** Default: the description, then the value. */
  body?: string;
}

export const DEFAULT_TITLE_TEMPLATE = "[{{statusUpper}}] {{labels.alertname}}: {{summary}}";
export const DEFAULT_BODY_TEMPLATE = "{{description}}";

const placeholder = /\{\{\s*([a-zA-Z_][\w]*(?:\.[\w-]+)?)\s*\}\}/g;

function lookup(context: TemplateContext, path: string): string {
  const [head = "", key] = path.split(".");
  const value: unknown = (context as unknown as Record<string, unknown>)[head];
  if (key === undefined) return typeof value === "string" ? value : "";
  if (value !== null && typeof value === "object") {
    const nested = (value as Record<string, unknown>)[key];
    return typeof nested === "string" ? nested : "";
  }
  return "";
}

/**
 * Fills `{{name}}` and `{{labels.x}}` / `{{annotations.x}}` placeholders, each value escaped for the target;
 * the template's own text is taken as written (it is the operator's, not the alert's). Unknown names are "".
 */
export function renderTemplate(template: string, context: TemplateContext, target: TemplateTarget = "text"): string {
  if (typeof template !== "string") throw new TypeError(`a template must be a string, got ${typeof template}`);
  const escapeValue = escapeFor(target);
  return template.replace(placeholder, (_, path: string) => escapeValue(lookup(context, path)));
}

/** Throws when a template is not a string, so a bad config fails at construction, not at 3 a.m. */
export function validateTemplates(templates: Templates | undefined): Required<Templates> {
  const title = templates?.title ?? DEFAULT_TITLE_TEMPLATE;
  const body = templates?.body ?? DEFAULT_BODY_TEMPLATE;
  if (typeof title !== "string") throw new TypeError("templates.title must be a string");
  if (typeof body !== "string") throw new TypeError("templates.body must be a string");
  return { title, body };
}

/** Cuts to `max` characters with an ellipsis. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}
