import fs from "node:fs";
import path from "node:path";
import { data } from "react-router";
import { findRespondentRound, type RespondentRound } from "../../../db/repositories/respondent";
import { findEitChannel } from "../../../db/repositories/round-access";
import { config } from "../../server/config.server";
import { getDb } from "../../server/db.server";
import type { Lang } from "../../lib/i18n";

export type SurveyKind = "iit" | "eit";

export type AgencyNames = { th: string; en: string };

/** What a respondent page renders: the questionnaire, or a polite page for a closed or unknown round. */
export type RespondentPage =
  | { state: "unknown" }
  | { state: "closed"; agency: AgencyNames; closesOn: string | null }
  | {
      state: "open";
      agency: AgencyNames;
      slug: string;
      iitAccess: "pin" | "codes";
      survey: Record<string, unknown>;
      channel: string | null;
      kiosk: boolean;
      kioskIdleSeconds: number;
    };

const questionnaires = new Map<string, Record<string, unknown>>();

function surveysDir(): string {
  return process.env.SURVEYS_DIR || path.resolve("surveys");
}

/** The SurveyJS questionnaire of a framework year, read once per process. */
function readQuestionnaire(framework: string, kind: SurveyKind): Record<string, unknown> {
  const file = path.join(surveysDir(), framework, `${kind}.json`);
  let json = questionnaires.get(file);
  if (!json) {
    json = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>;
    questionnaires.set(file, json);
  }
  return json;
}

/**
 * Keeps one language of SurveyJS localizable strings ({default: Thai, en: English}):
 * the page then carries half the text, and the model needs no locale fallback.
 */
export function pickLanguage(node: unknown, lang: Lang): unknown {
  if (Array.isArray(node)) return node.map((n) => pickLanguage(n, lang));
  if (!node || typeof node !== "object") return node;
  const record = node as Record<string, unknown>;
  const keys = Object.keys(record);
  if (typeof record.default === "string" && keys.every((k) => k === "default" || k === "en")) {
    return lang === "en" && typeof record.en === "string" ? record.en : record.default;
  }
  return Object.fromEntries(keys.map((k) => [k, pickLanguage(record[k], lang)]));
}

/** YYYY-MM-DD of an instant in a time zone. */
export function dayIn(timeZone: string, at: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
}

/** A round takes answers while open and between its opening and closing days (inclusive, in TZ). */
export function isTakingAnswers(
  round: Pick<RespondentRound, "status" | "opens_on" | "closes_on">,
  today: string,
): boolean {
  if (round.status !== "open") return false;
  if (round.opens_on && today < round.opens_on.slice(0, 10)) return false;
  if (round.closes_on && today > round.closes_on.slice(0, 10)) return false;
  return true;
}

/** Loads a respondent page; an unknown or draft round answers 404 with the polite page. */
export async function loadRespondentPage(options: {
  slug: string;
  kind: SurveyKind;
  lang: Lang;
  channelKey?: string | null;
}) {
  const cfg = config();
  const db = await getDb();
  const round = await findRespondentRound(db, options.slug);
  if (!round || round.status === "draft") return data<RespondentPage>({ state: "unknown" }, { status: 404 });
  const agency = { th: round.agency_name_th, en: round.agency_name_en ?? round.agency_name_th };
  if (!isTakingAnswers(round, dayIn(cfg.TZ))) {
    return data<RespondentPage>({ state: "closed", agency, closesOn: round.closes_on });
  }
  const channel =
    options.kind === "eit" && options.channelKey ? await findEitChannel(db, round.id, options.channelKey) : undefined;
  return data<RespondentPage>(
    {
      state: "open",
      agency,
      slug: round.slug,
      iitAccess: round.iit_access,
      survey: pickLanguage(readQuestionnaire(round.framework, options.kind), options.lang) as Record<string, unknown>,
      channel: channel?.key ?? null,
      kiosk: channel?.kiosk === 1,
      kioskIdleSeconds: cfg.KIOSK_IDLE_SECONDS,
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}
