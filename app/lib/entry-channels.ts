// The channels of answers keyed in by staff, and how the entry pages read their choice from the URL.
export const CHANNELS = {
  paper: { th: "แบบสอบถามกระดาษ", en: "Paper form" },
  phone: { th: "สัมภาษณ์ทางโทรศัพท์", en: "Telephone interview" },
} as const;
type EntryChannel = keyof typeof CHANNELS;

export function choice(url: URL) {
  const raw = url.searchParams.get("instrument");
  const instrument: "iit" | "eit" | null = raw === "iit" || raw === "eit" ? raw : null;
  const channel = url.searchParams.get("channel") === "phone" ? "phone" : "paper";
  return { instrument, channel: channel as EntryChannel };
}
