import type { RankRow } from "@protocol";

export function RankList({ rows, highlight }: { rows: RankRow[]; highlight?: string }) {
  return (
    <ol class="ranks">
      {rows.map((r) => (
        <li key={r.playerId} class={r.playerId === highlight ? "me" : ""} data-rank={r.rank}>
          <span class="rank-pos">{r.rank}</span>
          <span class="rank-name">{r.nickname}</span>
          <span class="rank-score">{r.score}</span>
          {r.delta > 0 && <span class="rank-delta">+{r.delta}</span>}
        </li>
      ))}
    </ol>
  );
}

/** Top three on steps: 2nd, 1st, 3rd. */
export function Podium({ rows }: { rows: RankRow[] }) {
  const top = rows.slice(0, 3);
  const order = [top[1], top[0], top[2]];
  return (
    <ol class="podium" aria-label="podium">
      {order.map(
        (r, i) =>
          r && (
            <li key={r.playerId} class={`step step-${[2, 1, 3][i]}`} data-nickname={r.nickname} data-score={r.score}>
              <span class="podium-name">{r.nickname}</span>
              <span class="podium-score">{r.score}</span>
              <span class="podium-place" aria-label={`place ${r.rank}`}>
                {r.rank}
              </span>
            </li>
          ),
      )}
    </ol>
  );
}
