import type { MeasureStatus } from "../report/measures";
import type { Text } from "./i18n";

export type { MeasureStatus };

/** The follow-up states of a measure, in the order a measure moves through them. */
export const MEASURE_STATUSES = ["planned", "in_progress", "done"] as const satisfies readonly MeasureStatus[];

export const MEASURE_STATUS_LABELS: Record<MeasureStatus, Text> = {
  planned: { th: "ยังไม่เริ่ม", en: "Planned" },
  in_progress: { th: "อยู่ระหว่างดำเนินการ", en: "In progress" },
  done: { th: "ดำเนินการแล้วเสร็จ", en: "Done" },
};
