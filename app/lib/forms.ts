import type { ZodError } from "zod";

/** One problem with one field of a submitted form or body: English for the API, Thai for the page. */
export interface FieldError {
  field: string;
  message: string;
  messageTh: string;
}

/** What a service's write returns: `{ ok: true, …what the caller needs }`, or the refused fields (nothing written). */
export type Saved<T = object> = ({ ok: true } & T) | { ok: false; errors: FieldError[] };

/** What to say when a field is refused, in English and Thai: one sentence per field says what is expected. */
export type FieldMessages = Record<string, readonly [en: string, th: string]>;

/**
 * zod's issues as field errors, one per field (its first path segment), in the order zod found them. A field
 * named in `messages` gets those words; any other keeps zod's own (English) message in both languages.
 */
export function fieldErrorsFromZod(error: ZodError, messages: FieldMessages = {}): FieldError[] {
  const errors = new Map<string, FieldError>();
  for (const issue of error.issues) {
    const field = issue.path.length ? String(issue.path[0]) : "form";
    if (errors.has(field)) continue;
    const [message, messageTh] = messages[field] ?? [issue.message, issue.message];
    errors.set(field, { field, message, messageTh });
  }
  return [...errors.values()];
}
