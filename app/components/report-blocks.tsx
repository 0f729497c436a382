import type { Block } from "../report";

/** "พ.ศ. 2566" stays on one line. */
const keepYear = (text: string) => text.replace(/พ\.ศ\. /g, "พ.ศ.\u00a0");

/** Renders the report's blocks as the printed document (the DOCX writer renders the same blocks). */
export function ReportBlocks({ blocks }: { blocks: Block[] }) {
  return (
    <>
      {blocks.map((b, i) => {
        switch (b.kind) {
          case "title":
            return (
              <h1 key={i} className="doc-title">
                {b.text.split("\n").map((l, j) => (
                  <span key={j}>{l}</span>
                ))}
              </h1>
            );
          case "subtitle":
            return (
              <p key={i} className="doc-subtitle">
                {b.text.split("\n").map((l, j) => (
                  <span key={j}>{l}</span>
                ))}
              </p>
            );
          case "heading":
            return <h2 key={i}>{keepYear(b.text)}</h2>;
          case "subheading":
            return <h3 key={i}>{b.text}</h3>;
          case "paragraph":
            return (
              <p key={i} className={b.lead ? "doc-indicator" : "doc-para"} data-section={b.sectionId}>
                {b.lead ? <strong>{b.lead}</strong> : null}
                {b.lead && b.text ? " " : null}
                {b.text}
              </p>
            );
          case "list":
            return (
              <ol key={i} className="doc-list" data-section={b.sectionId}>
                {b.items.map((item, j) => (
                  <li key={j}>{item}</li>
                ))}
              </ol>
            );
          case "table":
            return (
              <table key={i} className={`doc-table doc-${b.name}`} data-table={b.name}>
                <colgroup>
                  {b.widths.map((w, j) => (
                    <col key={j} style={{ width: `${w}%` }} />
                  ))}
                </colgroup>
                <thead>
                  <tr>
                    {b.headers.map((h, j) => (
                      <th key={j}>{h}</th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {b.rows.map((r, j) => (
                    <tr key={j}>
                      {r.map((c, k) => (
                        <td key={k} className={b.numeric?.includes(k) ? "num" : undefined}>
                          {c}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            );
          case "signatures":
            return (
              <div key={i} className="doc-signatures">
                {b.people.map((p) => (
                  <div key={p.role} className="doc-signature">
                    <p>ลงชื่อ ....................................</p>
                    <p>({p.name || "...................................."})</p>
                    <p>ตำแหน่ง {p.position || "...................................."}</p>
                    <p>
                      <strong>{p.role}</strong>
                    </p>
                    <p>วันที่ {b.date}</p>
                  </div>
                ))}
              </div>
            );
        }
      })}
    </>
  );
}
