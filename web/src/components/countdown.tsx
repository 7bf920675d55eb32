import { useI18n } from "../i18n/i18n";
import { remainingMs, type ClientGame } from "../state/game-state";
import { useNow } from "../state/use-game";

/** The server's deadline as seconds left; announces 10, 5 and 0 to screen readers. */
export function Countdown({ game, total }: { game: ClientGame; total?: number }) {
  const { t } = useI18n();
  const now = useNow(game.clock.endsAt !== null);
  const left = remainingMs(game, now);
  if (left === null) return null;
  const secs = Math.ceil(left / 1000);
  const share = total ? Math.min(1, left / total) : null;
  const say = secs === 10 || secs === 5 ? t("secondsLeft", { n: secs }) : secs === 0 ? t("timeUp") : "";
  return (
    <div class={`countdown${game.clock.paused ? " paused" : ""}`}>
      <span class="countdown-number" aria-hidden="true">
        {game.clock.paused ? "❚❚" : secs}
      </span>
      {share !== null && <span class="countdown-bar" style={{ transform: `scaleX(${share})` }} aria-hidden="true" />}
      <span class="sr-only" aria-live="polite">
        {game.clock.paused ? t("paused") : say}
      </span>
    </div>
  );
}
