import { isSurveyKind, type SurveyKind } from "./instruments";

// The channels of answers keyed in by staff, and how the entry pages read their choice from the URL.
export const CHANNELS = {
  paper: { th: "แบบสอบถามกระดาษ", en: "Paper form" },
  phone: { th: "สัมภาษณ์ทางโทรศัพท์", en: "Telephone interview" },
} as const;
export type EntryChannel = keyof typeof CHANNELS;

/** `?instrument=iit|eit&channel=paper|phone`: the questionnaire (null when none or unknown) and the channel. */
export function choice(url: URL): { instrument: SurveyKind | null; channel: EntryChannel } {
  const raw = url.searchParams.get("instrument");
  return {
    instrument: isSurveyKind(raw) ? raw : null,
    channel: url.searchParams.get("channel") === "phone" ? "phone" : "paper",
  };
}
