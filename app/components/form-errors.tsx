import type { FieldError } from "../lib/forms";
import { type Text, useT } from "../lib/i18n";

/**
 * The one way a refused form says what is wrong: an alert with an optional summary line and, unless the
 * form shows each message beside its own field (`inline`), the list of messages.
 */
export function FormErrors({
  errors,
  summary,
  inline = false,
}: {
  errors: readonly FieldError[] | undefined;
  summary?: Text;
  inline?: boolean;
}) {
  const t = useT();
  if (!errors?.length) return null;
  return (
    <div className="error" role="alert" data-testid="form-errors">
      {summary ? <p>{t(summary)}</p> : null}
      {inline ? null : (
        <ul>
          {errors.map((e) => (
            <li key={e.field} data-field={e.field}>
              {t({ th: e.messageTh, en: e.message })}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The message of one field, for forms that show it beside the input. */
export function fieldMessage(errors: readonly FieldError[] | undefined, field: string): FieldError | undefined {
  return errors?.find((e) => e.field === field);
}
