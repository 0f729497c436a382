import { httpError } from "./auth.server";

/**
 * The posted form, or a thrown 415 when the body is not a web form (another content type, or a
 * body that does not parse): `request.formData()` would throw and the visitor would get a 500.
 */
export async function readForm(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    throw httpError(
      415,
      "Send this form as application/x-www-form-urlencoded or multipart/form-data.",
      "ข้อมูลที่ส่งมาไม่ใช่แบบฟอร์มที่ระบบรับได้ กรุณาส่งจากหน้าเว็บอีกครั้ง",
    );
  }
}
