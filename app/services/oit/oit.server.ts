import ExcelJS from "exceljs";
import type { Db } from "../../../db/client";
import {
  getOitChecklist,
  listOitAnswers,
  saveLinkStatus,
  type LinkState,
  type OitAnswer,
} from "../../../db/repositories/oit";
import { scoreOit, type Framework, type OitScores } from "../../ita";
import { config } from "../../server/config.server";
import { loadFramework } from "../frameworks/frameworks.server";
import { checkLinks } from "../../server/link-check.server";

export type OitRow = {
  id: string;
  subindicator: string;
  topicTh: string;
  topicEn: string;
  answer: OitAnswer | null;
};

export type OitGroup = { id: string; indicator: number; nameTh: string; nameEn: string; items: OitRow[] };

/** The round's checklist laid out by sub-indicator, with the server-computed scores. */
export async function loadOitView(db: Db, round: { id: string; framework: string }) {
  const fw = loadFramework(round.framework);
  const answers = await listOitAnswers(db, round.id);
  const scores = scoreOit(fw, await getOitChecklist(db, round.id));
  const groups: OitGroup[] = fw.subindicators.map((sub) => ({
    id: sub.id,
    indicator: sub.indicator,
    nameTh: sub.nameTh,
    nameEn: sub.nameEn,
    items: fw.oitItems
      .filter((o) => o.subindicator === sub.id)
      .map((o) => ({
        id: o.id,
        subindicator: sub.id,
        topicTh: o.topicTh,
        topicEn: o.topicEn,
        answer: answers.get(o.id) ?? null,
      })),
  }));
  return { framework: fw, groups, scores: summarise(fw, scores) };
}

function summarise(fw: Framework, scores: OitScores) {
  return {
    subindicators: scores.subindicators,
    indicators: scores.indicators.map((i) => ({
      ...i,
      nameTh: fw.indicators.find((x) => x.number === i.indicator)?.nameTh ?? "",
    })),
    needsEvidence: scores.needsEvidence,
    unanswered: scores.unanswered.length,
  };
}

/**
 * "Check links": fetches every evidence URL of the round from the server (a few at a time, with a
 * timeout, only http(s), no private addresses unless LINK_CHECK_ALLOW_PRIVATE) and stores the result.
 */
export async function checkRoundLinks(db: Db, roundId: string): Promise<{ checked: number; broken: number }> {
  const answers = [...(await listOitAnswers(db, roundId)).values()].filter((a) => a.urls.length);
  const results = await checkLinks(
    answers.flatMap((a) => a.urls),
    { allowPrivate: config().LINK_CHECK_ALLOW_PRIVATE, timeoutMs: 8000, concurrency: 4 },
  );
  const now = new Date().toISOString();
  for (const a of answers) {
    const status: Record<string, LinkState> = {};
    for (const url of a.urls) status[url] = results.get(url)!;
    await saveLinkStatus(db, roundId, a.item, a.urls, status, now);
  }
  return { checked: results.size, broken: [...results.values()].filter((r) => !r.ok).length };
}

/** The link table agencies publish (item, topic, มี/ไม่มี, URLs, note) as an XLSX workbook. */
export async function oitWorkbook(
  view: Awaited<ReturnType<typeof loadOitView>>,
  heading: { agency: string; fiscalYear: number },
): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = "ITA Survey";
  const sheet = book.addWorksheet("OIT");
  sheet.columns = [
    { header: "ข้อ", key: "item", width: 7 },
    { header: "ตัวชี้วัดย่อย", key: "sub", width: 12 },
    { header: "ข้อมูล", key: "topic", width: 45 },
    { header: "มี/ไม่มี", key: "has", width: 10 },
    { header: "URL", key: "urls", width: 60 },
    { header: "หมายเหตุ", key: "note", width: 30 },
  ];
  sheet.spliceRows(
    1,
    0,
    [`แบบตรวจการเปิดเผยข้อมูลสาธารณะ (OIT) ${heading.agency} ประจำปีงบประมาณ พ.ศ. ${heading.fiscalYear}`],
    [],
  );
  sheet.getRow(1).font = { bold: true, size: 14 };
  sheet.getRow(3).font = { bold: true };
  for (const group of view.groups) {
    for (const row of group.items) {
      const a = row.answer;
      sheet.addRow({
        item: row.id.toUpperCase(),
        sub: group.id,
        topic: row.topicTh,
        has: a?.has === true ? "มี" : a?.has === false ? "ไม่มี" : "",
        urls: a?.urls.join("\n") ?? "",
        note: a?.note ?? "",
      });
    }
  }
  sheet.getColumn("urls").alignment = { wrapText: true, vertical: "top" };
  sheet.getColumn("topic").alignment = { wrapText: true, vertical: "top" };
  return Buffer.from(await book.xlsx.writeBuffer());
}
