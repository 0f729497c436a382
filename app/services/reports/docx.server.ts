import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  NumberFormat,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type IRunOptions,
} from "docx";
import type { Block } from "../../report";

// As Thai government offices publish: TH Sarabun New 16 pt (the reader's machine supplies the font),
// A4 with margins of 2.5 cm left and 2 cm elsewhere, bold headings, real tables, page numbers.
export const DOCX_FONT = "TH Sarabun New";
const SIZE = 32; // half-points: 16 pt
const font = { ascii: DOCX_FONT, hAnsi: DOCX_FONT, cs: DOCX_FONT, eastAsia: DOCX_FONT };
const CM = 567; // twips per centimetre
const PAGE_WIDTH = 11906;
const MARGIN = { top: 2 * CM, right: 2 * CM, bottom: 2 * CM, left: Math.round(2.5 * CM) };

const run = (text: string, extra: IRunOptions = {}) =>
  new TextRun({
    text,
    font,
    size: SIZE,
    sizeComplexScript: SIZE,
    ...extra,
    ...(extra.bold ? { boldComplexScript: true } : {}),
  });

const lines = (text: string, extra: IRunOptions = {}) =>
  text.split("\n").map((l, i) => run(l, { ...extra, ...(i > 0 ? { break: 1 } : {}) }));

const border = { style: BorderStyle.SINGLE, size: 4, color: "000000" };
const borders = { top: border, bottom: border, left: border, right: border };

function table(b: Extract<Block, { kind: "table" }>): Table {
  const usable = PAGE_WIDTH - MARGIN.left - MARGIN.right;
  const widths = b.widths.map((w) => Math.round((usable * w) / 100));
  const cell = (text: string, col: number, header: boolean) =>
    new TableCell({
      width: { size: widths[col] ?? 0, type: WidthType.DXA },
      borders,
      shading: header ? { fill: "F0F0F0" } : undefined,
      children: [
        new Paragraph({
          alignment: header || b.numeric?.includes(col) ? AlignmentType.CENTER : AlignmentType.LEFT,
          children: lines(text, header ? { bold: true } : {}),
        }),
      ],
    });
  return new Table({
    width: { size: usable, type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      new TableRow({ tableHeader: true, children: b.headers.map((h, i) => cell(h, i, true)) }),
      ...b.rows.map((r) => new TableRow({ cantSplit: true, children: r.map((c, i) => cell(c, i, false)) })),
    ],
  });
}

function render(b: Block): (Paragraph | Table)[] {
  switch (b.kind) {
    case "title":
      return [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          children: lines(b.text, { bold: true, size: 36, sizeComplexScript: 36 }),
        }),
      ];
    case "subtitle":
      return [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          spacing: { after: 240 },
          children: lines(b.text, { bold: true }),
        }),
      ];
    case "heading":
      return [
        new Paragraph({ spacing: { before: 240, after: 60 }, keepNext: true, children: [run(b.text, { bold: true })] }),
      ];
    case "subheading":
      return [new Paragraph({ spacing: { before: 120 }, keepNext: true, children: [run(b.text, { bold: true })] })];
    case "paragraph":
      return [
        new Paragraph({
          alignment: AlignmentType.THAI_DISTRIBUTE,
          indent: { firstLine: Math.round(1.25 * CM) },
          children: [
            ...(b.lead ? [run(b.lead, { bold: true })] : []),
            ...(b.lead && b.text ? [run(" ")] : []),
            ...(b.text ? [run(b.text)] : []),
          ],
        }),
      ];
    case "list":
      return b.items.map(
        (item, i) => new Paragraph({ indent: { left: Math.round(1.25 * CM) }, children: [run(`${i + 1}. ${item}`)] }),
      );
    case "table":
      return [table(b), new Paragraph({ children: [] })];
    case "signatures":
      return b.people.flatMap((p) => [
        new Paragraph({
          spacing: { before: 480 },
          alignment: AlignmentType.CENTER,
          keepNext: true,
          children: [run("ลงชื่อ ....................................")],
        }),
        new Paragraph({
          alignment: AlignmentType.CENTER,
          keepNext: true,
          children: [run(`(${p.name || "...................................."})`)],
        }),
        new Paragraph({
          alignment: AlignmentType.CENTER,
          keepNext: true,
          children: [run(`ตำแหน่ง ${p.position || "...................................."}`)],
        }),
        new Paragraph({ alignment: AlignmentType.CENTER, keepNext: true, children: [run(p.role, { bold: true })] }),
        new Paragraph({ alignment: AlignmentType.CENTER, children: [run(`วันที่ ${b.date}`)] }),
      ]);
  }
}

/** The report's blocks as a .docx file. */
export async function reportDocx(blocks: Block[], options: { title: string; thaiDigits: boolean }): Promise<Buffer> {
  const doc = new Document({
    creator: "ITA Survey",
    title: options.title,
    styles: {
      default: {
        document: {
          run: { font, size: SIZE, sizeComplexScript: SIZE, language: { value: "th-TH", bidirectional: "th-TH" } },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE_WIDTH, height: 16838 },
            margin: MARGIN,
            pageNumbers: {
              start: 1,
              formatType: options.thaiDigits ? NumberFormat.THAI_NUMBERS : NumberFormat.DECIMAL,
            },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  run("หน้า "),
                  new TextRun({ children: [PageNumber.CURRENT], font, size: 28, sizeComplexScript: 28 }),
                ],
              }),
            ],
          }),
        },
        children: blocks.flatMap(render),
      },
    ],
  });
  return Packer.toBuffer(doc);
}
