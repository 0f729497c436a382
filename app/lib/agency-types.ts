import type { Text } from "./i18n";

/** Kinds of agency, stored by code in agencies.type; the codes match framework sampleSize.eitByAgency. */
export const AGENCY_TYPES: { code: string; label: Text }[] = [
  { code: "sao", label: { th: "องค์การบริหารส่วนตำบล (อบต.)", en: "Subdistrict administrative organisation" } },
  { code: "subdistrict-municipality", label: { th: "เทศบาลตำบล", en: "Subdistrict municipality" } },
  { code: "town-municipality", label: { th: "เทศบาลเมือง", en: "Town municipality" } },
  { code: "city-municipality", label: { th: "เทศบาลนคร", en: "City municipality" } },
  { code: "pao", label: { th: "องค์การบริหารส่วนจังหวัด (อบจ.)", en: "Provincial administrative organisation" } },
  { code: "department", label: { th: "กรมหรือเทียบเท่า", en: "Department or equivalent" } },
  { code: "province", label: { th: "จังหวัด", en: "Province" } },
  {
    // A group of the 2568 EIT sample table (surveys/ita-2568: at least 100); earlier years do not list it, so
    // their rounds fall back to the share of external stakeholders.
    code: "ministry-policy",
    label: {
      th: "สำนักงานปลัดกระทรวง / หน่วยงานด้านนโยบาย วิชาการ หรือให้บริการเฉพาะด้าน",
      en: "Office of the permanent secretary / policy, academic or specialised-service agency",
    },
  },
  { code: "large-service", label: { th: "หน่วยงานบริการขนาดใหญ่ / มหาวิทยาลัย", en: "Large service agency / university" } },
  { code: "other", label: { th: "อื่น ๆ", en: "Other" } },
];

export const AGENCY_SIZES = ["S", "M", "L"] as const;

/**
 * The Thai (or English) label of a stored agency type; a type stored as its Thai label ("เทศบาลตำบล", as older
 * data and imports have it) is known too, so that English mode shows it in English. Others are shown as stored.
 */
export function agencyTypeLabel(code: string): Text {
  return AGENCY_TYPES.find((t) => t.code === code || t.label.th === code)?.label ?? { th: code, en: code };
}
