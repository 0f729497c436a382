import type { Analysis } from "./analysis";
import type { Framework } from "./framework";
import { ratingPhraseTh, whyNotNext } from "./rating";
import { formatScore } from "./rounding";

function names(fw: Framework, numbers: number[]): string {
  if (numbers.length === 0) return "ไม่มี";
  return numbers.map((n) => `ตัวชี้วัดที่ ${n} (${fw.indicators.find((i) => i.number === n)?.nameTh ?? "?"})`).join(", ");
}

function gradeLine(a: Analysis): string {
  if (a.overall === null) return `ยังไม่สรุปคะแนนรวมและผลการประเมิน เนื่องจากยังไม่มีคะแนนตัวชี้วัดที่ ${a.missing.join(", ")}`;
  const result = ratingPhraseTh(a.gradingMode, a.grade ?? "");
  const target = a.meetsTarget ? "ผ่านค่าเป้าหมาย" : "ยังไม่ถึงค่าเป้าหมาย";
  const line = `คะแนนรวม ${formatScore(a.overall)} คะแนน ${result} (${target} ${a.target} คะแนน)`;
  const why = a.rating ? whyNotNext(a.rating) : null;
  const uncertain = a.rating?.uncertain ? "\nหมายเหตุ: เกณฑ์ระดับผลนี้ยังไม่ได้ยืนยันกับคู่มือทางการ" : "";
  return (why ? `${line}\n${why.th}` : line) + uncertain;
}

/**
 * A short Thai summary in the manner of the agency's ITA report: overall and grade, instrument
 * scores, indicators ranked high to low, highest and lowest, strengths, weaknesses and those below target.
 */
export function formatAnalysisTextTh(a: Analysis, fw: Framework): string {
  const instrument = (name: "IIT" | "EIT" | "OIT") => {
    const score = a.instruments[name].score;
    return `${name} ${score === null ? "ยังไม่มีข้อมูลครบ" : formatScore(score)}`;
  };
  const lines = [
    `สรุปผลการประเมินคุณธรรมและความโปร่งใส (ITA) ปี พ.ศ. ${fw.year}`,
    gradeLine(a),
    `คะแนนรายเครื่องมือ: ${instrument("IIT")}, ${instrument("EIT")}, ${instrument("OIT")}`,
    "",
    "ลำดับตัวชี้วัดจากคะแนนสูงไปต่ำ",
    ...a.ranking.map((r) => `  ${r.rank}. ตัวชี้วัดที่ ${r.indicator} ${r.nameTh} ${formatScore(r.score)} คะแนน`),
  ];
  if (a.missing.length) lines.push(`  ยังไม่มีคะแนน: ${names(fw, a.missing)}`);
  lines.push("");
  if (a.highest && a.lowest) {
    lines.push(`ตัวชี้วัดที่ได้คะแนนสูงสุด คือ ${names(fw, [a.highest.indicator])} ${formatScore(a.highest.score)} คะแนน`);
    lines.push(`ตัวชี้วัดที่ได้คะแนนต่ำสุด คือ ${names(fw, [a.lowest.indicator])} ${formatScore(a.lowest.score)} คะแนน`);
  }
  lines.push(`จุดแข็ง (ตั้งแต่ ${a.strengthLine} คะแนนขึ้นไป): ${a.strengths.length} ตัวชี้วัด ได้แก่ ${names(fw, a.strengths)}`);
  lines.push(
    `จุดอ่อนที่ต้องพัฒนา (ต่ำกว่า ${a.strengthLine} คะแนน): ${a.weaknesses.length} ตัวชี้วัด ได้แก่ ${names(fw, a.weaknesses)}`,
  );
  lines.push(`ต่ำกว่าค่าเป้าหมาย ${a.target} คะแนน: ${a.belowTarget.length} ตัวชี้วัด ได้แก่ ${names(fw, a.belowTarget)}`);
  return lines.join("\n") + "\n";
}
