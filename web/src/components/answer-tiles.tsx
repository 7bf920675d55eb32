import { useI18n } from "../i18n/i18n";
import type { MessageKey } from "../i18n/messages";

/** Each choice has a colour AND a shape AND its text, so nobody depends on colour alone. */
const SHAPES = [
  "M12 3 L22 21 L2 21 Z", // triangle
  "M12 2 L22 12 L12 22 L2 12 Z", // diamond
  "M12 2 A10 10 0 1 0 12.01 2 Z", // circle
  "M3 3 H21 V21 H3 Z", // square
  "M12 2 L14.9 8.9 L22 9.3 L16.5 14 L18.2 21 L12 17.3 L5.8 21 L7.5 14 L2 9.3 L9.1 8.9 Z", // star
  "M7 3 H17 L22 12 L17 21 H7 L2 12 Z", // hexagon
];

export function Shape({ index, size = 28 }: { index: number; size?: number }) {
  return (
    <svg class="shape" width={size} height={size} viewBox="0 0 24 24" aria-hidden="true">
      <path d={SHAPES[index % SHAPES.length]} fill="currentColor" />
    </svg>
  );
}

interface Props {
  choices: string[];
  /** Tapping is possible (player, answering, not yet answered). */
  onChoose?: (index: number) => void;
  chosen?: number | null;
  correct?: number[] | null;
  counts?: number[] | null;
  compact?: boolean;
}

export function AnswerTiles({ choices, onChoose, chosen = null, correct = null, counts = null, compact = false }: Props) {
  const { t } = useI18n();
  const disabled = !onChoose || chosen !== null;
  return (
    <div class={`tiles tiles-${choices.length}${compact ? " compact" : ""}`} role="group">
      {choices.map((text, i) => {
        const state =
          correct === null ? (chosen === i ? "chosen" : chosen !== null ? "dimmed" : "") : correct.includes(i) ? "right" : "wrong";
        return (
          <button
            type="button"
            key={i}
            class={`tile c${i} ${state}`}
            disabled={disabled}
            aria-pressed={chosen === i}
            aria-label={`${t(`shape_${i % 6}` as MessageKey)}: ${text}${correct?.includes(i) ? ` (${t("correct")})` : ""}`}
            data-choice={i}
            onClick={() => onChoose?.(i)}
          >
            <Shape index={i} />
            <span class="tile-text">{text}</span>
            {counts && <span class="tile-count">{counts[i] ?? 0}</span>}
          </button>
        );
      })}
    </div>
  );
}
