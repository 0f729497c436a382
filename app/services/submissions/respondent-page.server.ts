import type { Db } from "../../../db/client";
import { findIitReleaseHead } from "../../../db/repositories/iit-release";
import { findRespondentRound, type RespondentRound } from "../../../db/repositories/respondent";
import { findEitChannel } from "../../../db/repositories/round-access";
import type { Lang } from "../../lib/i18n";
import type { SurveyKind } from "../../lib/instruments";
import { config } from "../../server/config.server";
import { questionnaireFor } from "../frameworks/frameworks.server";
import { dayIn } from "./submit.server";

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

/**
 * A respondent page (/s/<slug> for the EIT, optionally with a channel; /s/<slug>/iit): the questionnaire in
 * the visitor's language, or the closed page, or "unknown" for an unknown or draft round (the route answers
 * 404). Public: no actor.
 */
export async function loadRespondentPage(
  db: Db,
  options: { slug: string; kind: SurveyKind; lang: Lang; channelKey?: string | null },
): Promise<RespondentPage> {
  const cfg = config();
  const round = await findRespondentRound(db, options.slug);
  if (!round || round.status === "draft") return { state: "unknown" };
  const agency = { th: round.agency_name_th, en: round.agency_name_en ?? round.agency_name_th };
  if (!isTakingAnswers(round, dayIn(cfg.TZ))) return { state: "closed", agency, closesOn: round.closes_on };
  // A re-opened round whose IIT was released at its close takes EIT answers only.
  if (options.kind === "iit" && (await findIitReleaseHead(db, round.id)))
    return { state: "closed", agency, closesOn: round.closes_on };
  const channel =
    options.kind === "eit" && options.channelKey ? await findEitChannel(db, round.id, options.channelKey) : undefined;
  return {
    state: "open",
    agency,
    slug: round.slug,
    iitAccess: round.iit_access,
    survey: await questionnaireFor(db, round.framework, options.kind, options.lang),
    channel: channel?.key ?? null,
    kiosk: channel?.kiosk === 1,
    kioskIdleSeconds: cfg.KIOSK_IDLE_SECONDS,
  };
}
