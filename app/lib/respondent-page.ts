// What a respondent page (/s/<slug>, /s/<slug>/iit) renders, shared by the service that loads it and the
// components that show it.

export type AgencyNames = { th: string; en: string };

/** The questionnaire, or a polite page for a closed or unknown round. */
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
