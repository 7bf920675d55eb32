import type { RevealView } from "@protocol";
import { useI18n } from "../i18n/i18n";

/** What the reveal shows besides tiles: accepted answers, the slider's value, the puzzle's order, the explanation. */
export function RevealDetails({ reveal }: { reveal: RevealView }) {
  const { t } = useI18n();
  return (
    <div class="reveal-details" data-testid="reveal-details">
      {reveal.accepted && (
        <p>
          {t("acceptedAnswers")}: <strong>{reveal.accepted.join(" · ")}</strong>
        </p>
      )}
      {reveal.typed && reveal.typed.length > 0 && (
        <ul class="typed-list" aria-label={t("typedAnswers")}>
          {reveal.typed.map((x) => (
            <li key={x.text}>
              {x.text} <span class="count">{x.count}</span>
            </li>
          ))}
        </ul>
      )}
      {reveal.slider && (
        <>
          <p>
            {t("rightValue")}: <strong>{reveal.slider.correct}</strong> (± {reveal.slider.tolerance})
          </p>
          <ul class="histogram" aria-label={t("answersPerValue")}>
            {reveal.slider.histogram.map((h) => (
              <li key={h.value}>
                {h.value}: {h.count}
              </li>
            ))}
          </ul>
        </>
      )}
      {reveal.solution && (
        <ol class="solution" aria-label={t("rightOrder")}>
          {reveal.solution.map((s, i) => (
            <li key={i}>
              {s} <span class="count">{reveal.positions?.[i] ?? 0}</span>
            </li>
          ))}
        </ol>
      )}
      {reveal.explanation && <p class="explanation">{reveal.explanation}</p>}
    </div>
  );
}
