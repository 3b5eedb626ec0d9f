import type { z } from "zod";
import { DomainError } from "../domain/errors.js";

export interface Issue {
  field: string;
  message: string;
}

/** Parses `value` with `schema`, or throws a 400 DomainError whose message starts with the first bad field. */
export function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues: Issue[] = result.error.issues.map((issue) => {
    if (issue.code === "unrecognized_keys") {
      return { field: issue.keys.join(", "), message: `unknown field${issue.keys.length > 1 ? "s" : ""}` };
    }
    return { field: issue.path.map(String).join(".") || "(body)", message: issue.message };
  });
  const first = issues[0] as Issue;
  throw Object.assign(new DomainError(400, `${first.field}: ${first.message}`, first.field), { issues });
}
