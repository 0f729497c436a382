/** A small horizontal bar chart as plain SVG, rendered on the server (no script, prints well). */
export function BarChart({ rows, label }: { rows: { label: string; value: number }[]; label: string }) {
  const max = Math.max(1, ...rows.map((r) => r.value));
  const rowH = 28;
  const labelW = 180;
  const barW = 420;
  const height = rows.length * rowH + 8;
  return (
    <svg className="bars" viewBox={`0 0 ${labelW + barW + 60} ${height}`} role="img" aria-label={label}>
      {rows.map((r, i) => {
        const y = 4 + i * rowH;
        const w = Math.round((r.value / max) * barW);
        return (
          <g key={r.label}>
            <text x={labelW - 8} y={y + 18} textAnchor="end" fontSize="14" fill="#1b2430">
              {r.label}
            </text>
            <rect x={labelW} y={y + 4} width={w} height={rowH - 10} fill="#1f5fa8" rx="3" />
            <text x={labelW + w + 6} y={y + 18} fontSize="14" fill="#1b2430">
              {r.value}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
