import { useT } from "../lib/i18n";

export type ChartBar = { indicator: number; score: number | null; label: string };

const W = 640;
const H = 300;
// The right margin holds the labels of the target and strength lines, outside the bars: a bar's value can never
// sit under a line's label (issue 16).
const PAD = { left: 40, right: 100, top: 16, bottom: 40 };
const LINE_LABEL_GAP = 14;

/**
 * The ten indicator scores as an SVG bar chart with the strength and target lines, rendered on the
 * server: it prints and needs no JavaScript. A missing score draws no bar (never a 0 bar).
 */
export function ScoreChart({
  bars,
  strengthLine,
  target,
  title,
}: {
  bars: ChartBar[];
  strengthLine: number;
  target: number;
  title: string;
}) {
  const t = useT();
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const y = (score: number) => PAD.top + plotH * (1 - score / 100);
  const slot = plotW / Math.max(1, bars.length);
  const barW = slot * 0.62;
  // The two line labels sit beside their lines, pushed apart when the lines are too close for both.
  let targetLabelY = y(target) + 4;
  let strengthLabelY = y(strengthLine) + 4;
  if (Math.abs(targetLabelY - strengthLabelY) < LINE_LABEL_GAP) {
    const mid = (targetLabelY + strengthLabelY) / 2;
    const [upper, lower] = [mid - LINE_LABEL_GAP / 2, mid + LINE_LABEL_GAP / 2];
    [targetLabelY, strengthLabelY] = target >= strengthLine ? [upper, lower] : [lower, upper];
  }
  const colour = (s: number) => (s >= target ? "#1d7a46" : s >= strengthLine ? "#1f5fa8" : "#b3261e");
  return (
    <svg
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label={title}
      className="score-chart"
      width="100%"
      preserveAspectRatio="xMidYMid meet"
    >
      <title>{title}</title>
      {[0, 20, 40, 60, 80, 100].map((tick) => (
        <g key={tick}>
          <line x1={PAD.left} x2={W - PAD.right} y1={y(tick)} y2={y(tick)} stroke="#e3e7ec" />
          <text x={PAD.left - 6} y={y(tick) + 4} textAnchor="end" fontSize="11" fill="#5b6675">
            {tick}
          </text>
        </g>
      ))}
      {bars.map((b, i) => {
        const x = PAD.left + slot * i + (slot - barW) / 2;
        return (
          <g key={b.indicator}>
            {b.score === null ? (
              <text x={x + barW / 2} y={y(0) - 6} textAnchor="middle" fontSize="12" fill="#5b6675">
                –
              </text>
            ) : (
              <>
                <rect x={x} y={y(b.score)} width={barW} height={y(0) - y(b.score)} fill={colour(b.score)} rx="2" />
                <text
                  x={x + barW / 2}
                  y={y(b.score) - 4}
                  textAnchor="middle"
                  fontSize="11"
                  fill="#1b2430"
                  stroke="#fff"
                  strokeWidth="3"
                  paintOrder="stroke"
                >
                  {b.score.toFixed(2)}
                </text>
              </>
            )}
            <text x={x + barW / 2} y={H - PAD.bottom + 16} textAnchor="middle" fontSize="12" fill="#1b2430">
              {b.label}
            </text>
          </g>
        );
      })}
      <line
        x1={PAD.left}
        x2={W - PAD.right + 2}
        y1={y(target)}
        y2={y(target)}
        stroke="#a35a00"
        strokeWidth="2"
        strokeDasharray="6 4"
      />
      <text x={W - PAD.right + 6} y={targetLabelY} fontSize="11" fill="#a35a00" data-line="target">
        {t({ th: `เป้าหมาย ${target}`, en: `Target ${target}` })}
      </text>
      <line
        x1={PAD.left}
        x2={W - PAD.right + 2}
        y1={y(strengthLine)}
        y2={y(strengthLine)}
        stroke="#5b6675"
        strokeWidth="1.5"
        strokeDasharray="2 3"
      />
      <text x={W - PAD.right + 6} y={strengthLabelY} fontSize="11" fill="#5b6675" data-line="strength">
        {t({ th: `เกณฑ์จุดแข็ง ${strengthLine}`, en: `Strength line ${strengthLine}` })}
      </text>
      <text x={PAD.left + plotW / 2} y={H - 6} textAnchor="middle" fontSize="11" fill="#5b6675">
        {t({ th: "ตัวชี้วัดที่", en: "Indicator" })}
      </text>
    </svg>
  );
}
