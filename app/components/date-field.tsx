import { useEffect, useId, useRef, useState } from "react";
import { CALENDAR_FIELD, calendarOf, dateInputText, MONTHS_EN, MONTHS_TH, parseDateInput } from "../lib/dates";
import { useLang, useT } from "../lib/i18n";

// A date field in the page's calendar (issue 16, item 9): a text field that shows and takes "5/12/2569"
// (day/month/พ.ศ.) in Thai mode and "5/12/2026" in English mode, posted with the calendar it showed
// (CALENDAR_FIELD) so that the server reads it without JavaScript (readDateFields in app/lib/dates.ts).
// With JavaScript a button opens a small month calendar: Thai month names and พ.ศ. years in Thai mode;
// arrow keys move by a day or a week, Page Up/Down by a month, Home/End to the week's ends, Enter picks,
// Escape closes. It only fills the text field; the server checks the date as typed either way.

const WEEKDAYS = {
  th: [
    ["อา", "อาทิตย์"],
    ["จ", "จันทร์"],
    ["อ", "อังคาร"],
    ["พ", "พุธ"],
    ["พฤ", "พฤหัสบดี"],
    ["ศ", "ศุกร์"],
    ["ส", "เสาร์"],
  ],
  en: [
    ["Su", "Sunday"],
    ["Mo", "Monday"],
    ["Tu", "Tuesday"],
    ["We", "Wednesday"],
    ["Th", "Thursday"],
    ["Fr", "Friday"],
    ["Sa", "Saturday"],
  ],
} as const;

/** A day as [year, month 1–12, day] (Gregorian), and helpers on it (UTC: no time zone can shift a day). */
type Day = { y: number; m: number; d: number };
const toDate = (x: Day) => new Date(Date.UTC(x.y, x.m - 1, x.d));
const fromDate = (t: Date): Day => ({ y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() });
const addDays = (x: Day, n: number) => fromDate(new Date(toDate(x).getTime() + n * 86_400_000));
const addMonths = (x: Day, n: number): Day => {
  const first = new Date(Date.UTC(x.y, x.m - 1 + n, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return { y: first.getUTCFullYear(), m: first.getUTCMonth() + 1, d: Math.min(x.d, last) };
};
const same = (a: Day | null, b: Day) => !!a && a.y === b.y && a.m === b.m && a.d === b.d;
const iso = (x: Day) => `${x.y}-${String(x.m).padStart(2, "0")}-${String(x.d).padStart(2, "0")}`;
const fromIso = (s: string): Day => {
  const [y, m, d] = s.split("-").map(Number) as [number, number, number];
  return { y, m, d };
};

export interface DateFieldProps {
  id: string;
  name: string;
  /** The stored date (ISO), shown in the page's calendar. */
  value: string | null | undefined;
  /** The id of the field's error message, when there is one. */
  errorId?: string;
  required?: boolean;
}

export function DateField({ id, name, value, errorId, required }: DateFieldProps) {
  const lang = useLang();
  const t = useT();
  const calendar = calendarOf(lang);
  const uid = useId();
  const hintId = `${id}-hint`;
  const dialogId = `${uid}-calendar`;
  const titleId = `${uid}-title`;
  const input = useRef<HTMLInputElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const grid = useRef<HTMLTableElement>(null);
  const [enhanced, setEnhanced] = useState(false);
  const [open, setOpen] = useState(false);
  const [focus, setFocus] = useState<Day>(() => fromIso(value ?? "2000-01-01"));
  const [selected, setSelected] = useState<Day | null>(null);
  const [moveFocus, setMoveFocus] = useState(false);

  useEffect(() => setEnhanced(true), []);
  // After a key moved the focused day, put the keyboard focus on its button (it may be in another month).
  useEffect(() => {
    if (!open || !moveFocus) return;
    grid.current?.querySelector<HTMLButtonElement>(`button[data-date="${iso(focus)}"]`)?.focus();
    setMoveFocus(false);
  }, [open, focus, moveFocus]);

  const today = fromDate(new Date(Date.UTC(new Date().getFullYear(), new Date().getMonth(), new Date().getDate())));
  const openCalendar = () => {
    const typed = parseDateInput(input.current?.value ?? "", calendar);
    const day = typed.ok && typed.iso ? fromIso(typed.iso) : null;
    setSelected(day);
    setFocus(day ?? today);
    setOpen(true);
    setMoveFocus(true);
  };
  const close = (returnTo: "toggle" | "input") => {
    setOpen(false);
    (returnTo === "toggle" ? toggle : input).current?.focus();
  };
  const pick = (day: Day) => {
    if (input.current) input.current.value = dateInputText(iso(day), calendar);
    close("input");
  };
  const onKey = (event: React.KeyboardEvent) => {
    const moves: Record<string, () => Day> = {
      ArrowLeft: () => addDays(focus, -1),
      ArrowRight: () => addDays(focus, 1),
      ArrowUp: () => addDays(focus, -7),
      ArrowDown: () => addDays(focus, 7),
      PageUp: () => addMonths(focus, event.shiftKey ? -12 : -1),
      PageDown: () => addMonths(focus, event.shiftKey ? 12 : 1),
      Home: () => addDays(focus, -toDate(focus).getUTCDay()),
      End: () => addDays(focus, 6 - toDate(focus).getUTCDay()),
    };
    if (event.key === "Escape") {
      event.preventDefault();
      close("toggle");
    } else if (moves[event.key]) {
      event.preventDefault();
      setFocus(moves[event.key]!());
      setMoveFocus(true);
    }
  };

  const year = (y: number) => (calendar === "be" ? y + 543 : y);
  const monthTitle =
    lang === "th" ? `${MONTHS_TH[focus.m - 1]} พ.ศ. ${year(focus.y)}` : `${MONTHS_EN[focus.m - 1]} ${year(focus.y)}`;
  const dayLabel = (x: Day) =>
    lang === "th" ? `${x.d} ${MONTHS_TH[x.m - 1]} พ.ศ. ${year(x.y)}` : `${x.d} ${MONTHS_EN[x.m - 1]} ${year(x.y)}`;
  // The weeks of the focused month: from the Sunday on or before the 1st to the Saturday on or after the last.
  const first = { y: focus.y, m: focus.m, d: 1 };
  const start = addDays(first, -toDate(first).getUTCDay());
  const weeks: Day[][] = [];
  for (let w = 0, day = start; w < 6; w++) {
    const week: Day[] = [];
    for (let i = 0; i < 7; i++, day = addDays(day, 1)) week.push(day);
    if (week.some((x) => x.m === focus.m)) weeks.push(week);
  }

  const example = calendar === "be" ? "5/12/2569" : "5/12/2026";
  return (
    <div className="date-field">
      <input type="hidden" name={CALENDAR_FIELD} value={calendar} />
      <div className="date-row">
        <input
          // A new field when the language changes: the text is shown again in the other calendar.
          key={calendar}
          ref={input}
          id={id}
          name={name}
          type="text"
          autoComplete="off"
          spellCheck={false}
          required={required}
          placeholder={calendar === "be" ? "วว/ดด/ปปปป" : "dd/mm/yyyy"}
          defaultValue={dateInputText(value, calendar)}
          aria-describedby={[hintId, errorId].filter(Boolean).join(" ")}
          aria-invalid={errorId ? true : undefined}
          data-calendar={calendar}
        />
        {enhanced ? (
          <button
            ref={toggle}
            type="button"
            className="button date-toggle"
            aria-haspopup="dialog"
            aria-expanded={open}
            aria-controls={open ? dialogId : undefined}
            onClick={() => (open ? close("toggle") : openCalendar())}
          >
            <svg
              aria-hidden="true"
              width="18"
              height="18"
              viewBox="0 0 24 24"
              fill="none"
              stroke="currentColor"
              strokeWidth="2"
            >
              <rect x="3" y="5" width="18" height="16" rx="2" />
              <path d="M3 10h18M8 3v4M16 3v4" />
            </svg>{" "}
            {t({ th: "เลือกวันที่", en: "Pick a date" })}
          </button>
        ) : null}
      </div>
      <span className="hint date-hint" id={hintId}>
        {t({ th: `วัน/เดือน/ปี พ.ศ. เช่น ${example}`, en: `day/month/year, e.g. ${example}` })}
      </span>
      {open ? (
        <div className="date-pop" role="dialog" id={dialogId} aria-labelledby={titleId} onKeyDown={onKey}>
          <div className="date-head">
            <button
              type="button"
              className="button"
              aria-label={t({ th: "เดือนก่อนหน้า", en: "Previous month" })}
              onClick={() => setFocus(addMonths(focus, -1))}
            >
              ‹
            </button>
            <div className="date-title" id={titleId} aria-live="polite">
              {monthTitle}
            </div>
            <button
              type="button"
              className="button"
              aria-label={t({ th: "เดือนถัดไป", en: "Next month" })}
              onClick={() => setFocus(addMonths(focus, 1))}
            >
              ›
            </button>
          </div>
          <table ref={grid} className="date-grid" aria-labelledby={titleId}>
            <thead>
              <tr>
                {WEEKDAYS[lang].map(([short, full]) => (
                  <th key={full} scope="col" abbr={full}>
                    {short}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {weeks.map((week) => (
                <tr key={iso(week[0]!)}>
                  {week.map((day) =>
                    day.m === focus.m ? (
                      <td key={iso(day)}>
                        <button
                          type="button"
                          data-date={iso(day)}
                          tabIndex={same(focus, day) ? 0 : -1}
                          aria-label={dayLabel(day)}
                          aria-pressed={same(selected, day)}
                          aria-current={same(today, day) ? "date" : undefined}
                          onClick={() => pick(day)}
                        >
                          {day.d}
                        </button>
                      </td>
                    ) : (
                      <td key={iso(day)} />
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
          <div className="date-foot">
            <button type="button" className="link-button small" onClick={() => close("toggle")}>
              {t({ th: "ปิด", en: "Close" })}
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
