/** Histogram of the ranking's scores with the top-k ESMs marked as ticks, as plain SVG. */
export function ScoreChart({ scores, topK = 5, baseline }: { scores: number[]; topK?: number; baseline?: number | null }) {
  if (scores.length === 0) return null;
  const width = 640;
  const height = 180;
  const pad = { left: 36, right: 12, top: 12, bottom: 36 };
  const values = baseline == null ? scores : [...scores, baseline];
  let min = Math.min(...values);
  let max = Math.max(...values);
  if (min === max) {
    min -= 0.5;
    max += 0.5;
  }
  const bins = Math.max(5, Math.min(40, Math.ceil(Math.sqrt(scores.length) * 2)));
  const counts = new Array<number>(bins).fill(0);
  const binOf = (s: number) => Math.min(bins - 1, Math.floor(((s - min) / (max - min)) * bins));
  for (const s of scores) counts[binOf(s)]++;
  const top = Math.max(...counts);
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const x = (s: number) => pad.left + ((s - min) / (max - min)) * plotW;
  const barW = plotW / bins;
  const best = [...scores].sort((a, b) => b - a).slice(0, topK);
  const fmt = (v: number) => v.toFixed(Math.abs(max - min) < 0.01 ? 4 : 3);
  return (
    <figure>
      <svg viewBox={`0 0 ${width} ${height}`} className="w-full max-w-3xl" role="img" aria-label={`Distribution of ${scores.length} ESM-LogME scores; the top ${topK} are marked`} data-testid="score-chart">
        <line x1={pad.left} y1={pad.top + plotH} x2={pad.left + plotW} y2={pad.top + plotH} className="stroke-zinc-400" />
        {counts.map((c, i) => (
          <rect key={i} x={pad.left + i * barW + 1} y={pad.top + plotH - (c / top) * plotH} width={Math.max(1, barW - 2)} height={(c / top) * plotH} className="fill-zinc-300 dark:fill-zinc-700">
            <title>{`${c} ESM${c === 1 ? "" : "s"} between ${fmt(min + (i * (max - min)) / bins)} and ${fmt(min + ((i + 1) * (max - min)) / bins)}`}</title>
          </rect>
        ))}
        {best.map((s, i) => (
          <g key={i}>
            <line x1={x(s)} x2={x(s)} y1={pad.top} y2={pad.top + plotH} className="stroke-indigo-600" strokeWidth={2} />
            <text x={x(s)} y={pad.top + 9} textAnchor="middle" className="fill-indigo-700 text-[9px] dark:fill-indigo-300">{i + 1}</text>
          </g>
        ))}
        {baseline != null && (
          <line x1={x(baseline)} x2={x(baseline)} y1={pad.top} y2={pad.top + plotH} className="stroke-amber-600" strokeDasharray="4 3" strokeWidth={1.5}>
            <title>{`LogME on the base embeddings: ${fmt(baseline)}`}</title>
          </line>
        )}
        <text x={pad.left} y={height - 14} className="fill-zinc-500 text-[10px]">{fmt(min)}</text>
        <text x={pad.left + plotW} y={height - 14} textAnchor="end" className="fill-zinc-500 text-[10px]">{fmt(max)}</text>
        <text x={pad.left + plotW / 2} y={height - 2} textAnchor="middle" className="fill-zinc-500 text-[10px]">ESM-LogME score (higher is better)</text>
      </svg>
      <figcaption className="mt-1 text-xs text-zinc-500">
        Blue lines: the top {Math.min(topK, scores.length)}
        {baseline != null ? "; dashed amber line: LogME on the base embeddings without an ESM" : ""}.
      </figcaption>
    </figure>
  );
}
