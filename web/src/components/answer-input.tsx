import type { QuestionView } from "@protocol";
import { useState } from "preact/hooks";
import { useI18n } from "../i18n/i18n";
import type { AnswerPayload } from "../net/game-connection";
import { AnswerTiles, Shape } from "./answer-tiles";

interface Props {
  q: QuestionView;
  /** Set once this player answered (-1 for answers that are not one tile). */
  chosen: number | null;
  onAnswer?: (payload: AnswerPayload) => void;
}

/** True/false tiles show in the player's language; the server's labels are only a fallback. */
export function useTiles(q: Pick<QuestionView, "type" | "choices">): string[] {
  const { t } = useI18n();
  return q.type === "truefalse" ? [t("true"), t("false")] : q.choices;
}

/** The answer control for each question type. Every control works by keyboard, touch and mouse. */
export function AnswerInput({ q, chosen, onAnswer }: Props) {
  const tiles = useTiles(q);
  switch (q.type) {
    case "quiz":
    case "truefalse":
    case "poll":
      return <AnswerTiles choices={tiles} chosen={chosen} onChoose={onAnswer && ((choice) => onAnswer({ choice }))} />;
    case "multi":
      return <MultiInput q={q} done={chosen !== null} onAnswer={onAnswer} />;
    case "typeanswer":
      return <TypeInput done={chosen !== null} onAnswer={onAnswer} />;
    case "slider":
      return <SliderInput q={q} done={chosen !== null} onAnswer={onAnswer} />;
    case "puzzle":
      return <PuzzleInput q={q} done={chosen !== null} onAnswer={onAnswer} />;
  }
}

type Part = { done: boolean; onAnswer?: ((p: AnswerPayload) => void) | undefined };

function MultiInput({ q, done, onAnswer }: Part & { q: QuestionView }) {
  const { t } = useI18n();
  const [picked, setPicked] = useState<number[]>([]);
  const toggle = (i: number) => setPicked((p) => (p.includes(i) ? p.filter((x) => x !== i) : [...p, i]));
  return (
    <div class="multi">
      <p class="hint-strong" aria-hidden="true">
        {t("pickAll")}
      </p>
      <div class={`tiles tiles-${q.choices.length}`} role="group" aria-label={t("pickAll")}>
        {q.choices.map((text, i) => (
          <button type="button" key={i} class={`tile c${i} ${picked.includes(i) ? "chosen" : ""}`} aria-pressed={picked.includes(i)} disabled={done || !onAnswer} data-choice={i} onClick={() => toggle(i)}>
            <Shape index={i} />
            <span class="tile-text">{text}</span>
          </button>
        ))}
      </div>
      <button type="button" class="primary" data-testid="submit-answer" disabled={done || !onAnswer || picked.length === 0} onClick={() => onAnswer?.({ choices: picked })}>
        {t("submitAnswer")}
      </button>
    </div>
  );
}

function TypeInput({ done, onAnswer }: Part) {
  const { t } = useI18n();
  const [text, setText] = useState("");
  return (
    <form class="type-answer" onSubmit={(e) => (e.preventDefault(), text.trim() && onAnswer?.({ text }))}>
      <label for="typed">{t("typeYourAnswer")}</label>
      <input id="typed" data-testid="typed-answer" maxLength={75} autoComplete="off" value={text} disabled={done} onInput={(e) => setText(e.currentTarget.value)} />
      <button type="submit" class="primary" data-testid="submit-answer" disabled={done || !onAnswer || !text.trim()}>
        {t("submitAnswer")}
      </button>
    </form>
  );
}

function SliderInput({ q, done, onAnswer }: Part & { q: QuestionView }) {
  const { t } = useI18n();
  const s = q.slider ?? { min: 0, max: 10, step: 1 };
  const [value, setValue] = useState(s.min + Math.round((s.max - s.min) / s.step / 2) * s.step);
  return (
    <div class="slider-answer">
      <label for="slider">{t("pickValue", { min: s.min, max: s.max })}</label>
      <input id="slider" data-testid="slider" type="range" min={s.min} max={s.max} step={s.step} value={value} disabled={done} onInput={(e) => setValue(Number(e.currentTarget.value))} />
      <output for="slider" class="slider-value" aria-live="polite">{value}</output>
      <button type="button" class="primary" data-testid="submit-answer" disabled={done || !onAnswer} onClick={() => onAnswer?.({ value })}>
        {t("submitAnswer")}
      </button>
    </div>
  );
}

function PuzzleInput({ q, done, onAnswer }: Part & { q: QuestionView }) {
  const { t } = useI18n();
  const items = q.items ?? [];
  // order[k] = index into the shown items of the item at position k.
  const [order, setOrder] = useState(() => items.map((_, i) => i));
  const move = (pos: number, by: number) =>
    setOrder((o) => {
      const to = pos + by;
      if (to < 0 || to >= o.length) return o;
      const next = [...o];
      [next[pos], next[to]] = [next[to]!, next[pos]!];
      return next;
    });
  return (
    <div class="puzzle">
      <ol class="puzzle-list" aria-label={t("putInOrder")}>
        {order.map((item, pos) => (
          <li key={item} class={`puzzle-item c${item}`} data-testid="puzzle-item">
            <span class="puzzle-text">{items[item]}</span>
            <button type="button" aria-label={t("moveUp", { item: items[item]! })} disabled={done || pos === 0} onClick={() => move(pos, -1)}>▲</button>
            <button type="button" aria-label={t("moveDown", { item: items[item]! })} disabled={done || pos === order.length - 1} onClick={() => move(pos, 1)}>▼</button>
          </li>
        ))}
      </ol>
      <button type="button" class="primary" data-testid="submit-answer" disabled={done || !onAnswer} onClick={() => onAnswer?.({ order })}>
        {t("submitAnswer")}
      </button>
    </div>
  );
}
