import { COMMENT_FIELD, COMMENT_MAX_LENGTH, RESPONDENT_TYPE_FIELD } from "./answers";
import { indicatorsOf, type Choice, type Framework, type SurveyInstrument, type SurveyItem } from "./framework";

// The SurveyJS questionnaires (IIT, EIT) generated from a framework file, so that a new year is one validated
// file: one page per indicator in indicator order, each item as a radiogroup (or a matrix whose rows "1".."n"
// are its sub-items), answer values the scale's levels from the highest down, every text {default: Thai, en:
// English}. The words around the items (title, introduction, the EIT respondent question, the comment box)
// are the app's own and the same every year. Generated 2565 equals surveys/ita-2565/{iit,eit}.json
// (questionnaire.test.ts); a framework folder that ships its own iit.json/eit.json keeps it.

/** A SurveyJS localizable string: Thai as the default, English beside it. */
export interface Localized {
  default: string;
  en: string;
}

export type SurveyJson = Record<string, unknown>;

const t = (th: string, en: string): Localized => ({ default: th, en });

const TITLES: Record<SurveyInstrument, Localized> = {
  IIT: t("แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (IIT)", "Internal stakeholder survey (IIT)"),
  EIT: t("แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก (EIT)", "External stakeholder survey (EIT)"),
};

function iitIntro(minGroup: number): Localized {
  return t(
    "<p>แบบสอบถามนี้สำหรับ<strong>บุคลากรของหน่วยงานทุกระดับที่ปฏิบัติงานมาแล้วไม่น้อยกว่า 1 ปี</strong> ทั้งข้าราชการ พนักงาน และลูกจ้าง</p>" +
      "<p><strong>ท่านไม่ต้องระบุชื่อ</strong> ระบบเก็บเฉพาะคำตอบ โดยไม่เก็บชื่อ ที่อยู่ไอพี หรือข้อมูลเครื่อง และไม่มีทางโยงคำตอบกลับมาที่ตัวท่านหรือรหัสที่ท่านใช้ " +
      `ผู้บริหารจะเห็นเพียงผลรวมของทั้งหน่วยงาน และจะไม่แสดงผลเมื่อมีผู้ตอบน้อยกว่า ${minGroup} คน</p>` +
      "<p>โปรดตอบตามความเป็นจริงจากประสบการณ์ของท่านในช่วงปีที่ผ่านมา ใช้เวลาประมาณ 10 นาที</p>",
    "<p>This questionnaire is for <strong>the agency's staff at every level who have worked here for at least one year</strong>, whether civil servants, employees or workers.</p>" +
      "<p><strong>You do not give your name.</strong> Only your answers are kept: no name, IP address or device details, and nothing links your answers back to you or to the code you used. " +
      `Management sees only the agency's totals, and nothing is shown when fewer than ${minGroup} people have answered.</p>` +
      "<p>Please answer honestly from your experience over the past year. It takes about 10 minutes.</p>",
  );
}

const EIT_INTRO = t(
  "<p>แบบสอบถามนี้สำหรับประชาชน ผู้ประกอบการ และหน่วยงานที่เคยรับบริการหรือติดต่อกับหน่วยงานในปีงบประมาณนี้ ไม่ต้องระบุชื่อ ใช้เวลาประมาณ 5 นาที</p>",
  "<p>This questionnaire is for people, businesses and agencies that used the agency's services or dealt with it this fiscal year. You do not give your name. It takes about 5 minutes.</p>",
);

function option(value: number | string, th: string, en: string) {
  return { value, text: t(th, en) };
}

/** The scale's answers from the highest level down, in the questionnaire's words. */
function answers(choices: Choice[]) {
  return [...choices]
    .sort((a, b) => b.level - a.level)
    .map((c) => option(c.level, c.answerTh ?? c.labelTh, c.answerEn ?? c.labelEn));
}

function question(fw: Framework, item: SurveyItem): SurveyJson {
  const scale = fw.scales[item.scale];
  if (!scale) throw new RangeError(`${item.id}: unknown scale ${item.scale}`);
  const title = t(item.questionTh ?? item.topicTh, item.questionEn ?? item.topicEn);
  if (!item.subItems) {
    return { type: "radiogroup", name: item.id, title, isRequired: true, choices: answers(scale.choices) };
  }
  return {
    type: "matrix",
    name: item.id,
    title,
    isRequired: true,
    eachRowRequired: true,
    columns: answers(scale.choices),
    rows: item.subItems.map((sub, i) =>
      option(String(i + 1), sub.questionTh ?? sub.topicTh, sub.questionEn ?? sub.topicEn),
    ),
  };
}

function firstPage(fw: Framework, instrument: SurveyInstrument): SurveyJson {
  if (instrument === "IIT") {
    return {
      name: "intro",
      title: t("ก่อนเริ่มตอบ", "Before you start"),
      elements: [{ type: "html", name: "intro_text", html: iitIntro(fw.sampleSize.minIitGroup) }],
    };
  }
  return {
    name: "respondent",
    title: t("เกี่ยวกับท่าน", "About you"),
    elements: [
      { type: "html", name: "intro_text", html: EIT_INTRO },
      {
        type: "radiogroup",
        name: RESPONDENT_TYPE_FIELD,
        showNumber: false,
        isRequired: true,
        title: t("ท่านติดต่อกับหน่วยงานในฐานะใด", "In what role did you deal with the agency?"),
        choices: fw.respondentTypes.map((r) => option(r.id, r.answerTh ?? r.labelTh, r.answerEn ?? r.labelEn)),
      },
    ],
  };
}

const COMMENT_TITLES: Record<SurveyInstrument, Localized> = {
  IIT: t(
    "ข้อเสนอแนะเพิ่มเติมเพื่อให้หน่วยงานมีคุณธรรมและความโปร่งใสมากขึ้น (ไม่บังคับ)",
    "Any suggestion to help the agency work with more integrity and transparency (optional)",
  ),
  EIT: t(
    "ข้อเสนอแนะเพิ่มเติมเพื่อให้หน่วยงานให้บริการได้ดีและโปร่งใสมากขึ้น (ไม่บังคับ)",
    "Any suggestion to help the agency serve better and more transparently (optional)",
  ),
};

function suggestionsPage(instrument: SurveyInstrument): SurveyJson {
  return {
    name: "suggestions",
    title: t("ข้อเสนอแนะ", "Suggestions"),
    elements: [
      {
        type: "comment",
        name: COMMENT_FIELD,
        showNumber: false,
        maxLength: COMMENT_MAX_LENGTH,
        rows: 4,
        title: COMMENT_TITLES[instrument],
        description: t(
          "โปรดอย่าเขียนชื่อ เบอร์โทรศัพท์ หรือข้อมูลที่ระบุตัวท่านหรือผู้อื่นได้",
          "Please do not write names, phone numbers or anything that identifies you or anyone else.",
        ),
      },
    ],
  };
}

/** The SurveyJS questionnaire of one instrument of a (validated) framework, both languages. A fresh object. */
export function generateQuestionnaire(fw: Framework, instrument: SurveyInstrument): SurveyJson {
  const items = fw.items[instrument];
  const pages = indicatorsOf(fw, instrument).map((indicator) => ({
    name: `indicator${indicator.number}`,
    title: t(`ตัวชี้วัดที่ ${indicator.number} ${indicator.nameTh}`, `Indicator ${indicator.number}: ${indicator.nameEn}`),
    elements: items.filter((i) => i.indicator === indicator.number).map((item) => question(fw, item)),
  }));
  return {
    title: TITLES[instrument],
    showProgressBar: true,
    progressBarType: "pages",
    showQuestionNumbers: "on",
    questionErrorLocation: "top",
    checkErrorsMode: "onNextPage",
    textUpdateMode: "onTyping",
    showCompletePage: false,
    completeText: t("ส่งคำตอบ", "Send answers"),
    pages: [firstPage(fw, instrument), ...pages, suggestionsPage(instrument)],
  };
}
