import { isRouteErrorResponse } from "react-router";
import { common, useT } from "../lib/i18n";

/** The admin area's error page: Thai words for 403 and 404, nothing technical. */
export function AdminError({ error }: { error: unknown }) {
  const t = useT();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const text =
    status === 403
      ? {
          title: { th: "ท่านไม่มีสิทธิ์ใช้งานส่วนนี้", en: "You do not have permission for this" },
          body: {
            th: "บัญชีของท่านไม่มีสิทธิ์ดูหรือแก้ไขข้อมูลนี้ หากจำเป็นต้องใช้ โปรดติดต่อผู้ดูแลระบบของหน่วยงาน",
            en: "Your account may not view or change this. Ask your agency's administrator if you need it.",
          },
        }
      : status === 404
        ? { title: common.notFoundTitle, body: common.notFoundBody }
        : { title: common.errorTitle, body: common.errorBody };
  // A guard's JSON error ({error, errorTh}) says exactly why, e.g. a refused cross-site request.
  const detail = isRouteErrorResponse(error) ? (error.data as { error?: unknown; errorTh?: unknown } | null) : null;
  if (status === 413) text.title = { th: "ข้อมูลที่ส่งมีขนาดใหญ่เกินไป", en: "The data sent is too large" };
  if ((status === 403 || status === 413) && typeof detail?.errorTh === "string" && typeof detail.error === "string") {
    text.body = { th: detail.errorTh, en: detail.error };
  }
  return (
    <div className="page narrow" role="alert">
      <h1>{t(text.title)}</h1>
      <p>{t(text.body)}</p>
      <p>
        <a href="/admin">{t({ th: "กลับหน้าผู้ดูแล", en: "Back to administration" })}</a>
      </p>
    </div>
  );
}
