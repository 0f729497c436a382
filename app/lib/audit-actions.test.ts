import { describe, expect, it } from "vitest";
import { auditActionLabel, auditDetailText } from "./audit-actions";

describe("audit log words", () => {
  it("names action codes in Thai and English, and shows an unknown code as it is", () => {
    expect(auditActionLabel("channel.create")).toEqual({ th: "เพิ่มช่องทาง EIT", en: "Added an EIT channel" });
    expect(auditActionLabel("user.password").th).toBe("ตั้ง/เปลี่ยนรหัสผ่าน");
    expect(auditActionLabel("something.new")).toEqual({ th: "something.new", en: "something.new" });
  });

  it("writes a JSON detail as key: value pairs and leaves plain text alone", () => {
    expect(auditDetailText('{"items":["o1","o2"],"public":true}')).toBe("items: o1, o2 · public: true");
    expect(auditDetailText('{"key":"counter-1","name":"เคาน์เตอร์","kiosk":false}')).toBe(
      "key: counter-1 · name: เคาน์เตอร์ · kiosk: false",
    );
    expect(auditDetailText("ข้อความ")).toBe("ข้อความ");
    expect(auditDetailText(null)).toBe("");
  });
});
