import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { choicesOf, correctChoices, LIMITS } from "../../../worker/protocol/quiz";
import { importQuiz } from "../../../worker/quiz/import-quiz";
import { fromOpenTdb } from "../../../worker/quiz/opentdb";

type OpenTdbResult = {
  type: string;
  category: string;
  question: string;
  correct_answer: string;
  incorrect_answers: string[];
};
type OpenTdbFile = { response_code: number; results: OpenTdbResult[] };

// The real Open Trivia DB file, copied from the shared fixtures (CC BY-SA 4.0 content from opentdb.com).
const raw = readFileSync(new URL("../../fixtures/opentdb-sample.json", import.meta.url), "utf8");
/** A fresh copy each call, so a test may change it. */
const sample = (): OpenTdbFile => JSON.parse(raw) as OpenTdbFile;

function importSample() {
  const result = importQuiz(sample());
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.quiz;
}

describe("Open Trivia DB import of opentdb-sample.json", () => {
  it("is detected automatically and imports all 50 questions", () => {
    const quiz = importSample();
    expect(quiz.questions).toHaveLength(50);
    expect(importQuiz(sample(), "opentdb")).toEqual({ ok: true, quiz });
  });

  it("turns the 15 boolean questions into true/false questions with the right answer marked", () => {
    const file = sample();
    const quiz = importSample();
    const booleans = file.results.flatMap((r, i) => (r.type === "boolean" ? [i] : []));
    expect(booleans).toHaveLength(15);
    for (const i of booleans) {
      const q = quiz.questions[i]!;
      expect(q).toMatchObject({ type: "truefalse", correct: file.results[i]!.correct_answer === "True" });
      expect(choicesOf(q)).toEqual(["True", "False"]);
    }
    expect(correctChoices(quiz.questions[0]!)).toEqual([0]); // Cheez Whiz: True
    expect(correctChoices(quiz.questions[5]!)).toEqual([1]); // Pete Townshend: False
  });

  it("puts the correct answer first in multiple-choice questions, then the incorrect ones", () => {
    const quiz = importSample();
    expect(quiz.questions[1]).toEqual({
      type: "quiz",
      text: "What is the Polish city known to Germans as Danzig?",
      choices: ["Gdańsk", "Warsaw", "Zakopane", "Poznań"],
      correct: [0],
      timeLimitSec: 20,
      points: 1000,
    });
    expect(quiz.questions.filter((q) => choicesOf(q).length === 4)).toHaveLength(35);
  });

  it("gives every question 20 seconds and 1000 points", () => {
    for (const q of importSample().questions) expect([q.timeLimitSec, q.points]).toEqual([20, 1000]);
  });

  it("titles a mixed-category quiz 'Open Trivia DB quiz' and credits the source", () => {
    const quiz = importSample();
    expect(quiz.title).toBe("Open Trivia DB quiz");
    expect(quiz.description).toMatch(/opentdb\.com.*CC BY-SA 4\.0/);
  });

  it("titles a single-category quiz after its decoded category", () => {
    const file = sample();
    file.results = file.results.filter((r) => r.category === "Science &amp; Nature");
    expect(file.results).toHaveLength(2);
    const result = importQuiz(file);
    expect(result.ok && result.quiz.title).toBe("Open Trivia DB: Science & Nature");
  });
});

describe("HTML entity decoding (real strings from opentdb-sample.json)", () => {
  const file = sample();
  const quiz = importSample();

  it("decodes &quot; and &#039; in question text", () => {
    expect(file.results[0]!.question).toContain("&quot;Cheez Whiz&quot;");
    expect(quiz.questions[0]!.text).toBe(`Kraft "Cheez Whiz" contains cheese culture, but doesn't actually contain cheese`);
  });

  it("decodes &amp; in answers and in the category", () => {
    expect(choicesOf(quiz.questions[6]!)[0]).toBe("The New York Giants & The New England Patriots");
    expect(choicesOf(quiz.questions[8]!)).toEqual(["Link & Young Link", "Marth & Lucina", "Richter & Simon", "Peach & Daisy"]);
  });

  it("decodes accented letters: &eacute;, &auml;", () => {
    expect(file.results[16]!.question).toContain("Fr&eacute;d&eacute;ric");
    expect(quiz.questions[16]!.text).toBe("Pianist Frédéric Chopin was a composer of which musical era?");
    expect(choicesOf(quiz.questions[20]!)).toContain("Café Terrace at Night");
    expect(choicesOf(quiz.questions[45]!)).toContain("Mika Häkkinen");
  });

  it("decodes typographic entities: &ldquo; &rsquo; &hellip; &rdquo; and &sup2;", () => {
    expect(quiz.questions[4]!.text).toBe("The New York Times slogan is, “All the News That’s Fit to…”");
    expect(quiz.questions[39]!.text).toBe("Which artist’s studio was known as 'The Factory'?");
    expect(quiz.questions[47]!.text).toBe("What type of function is x²+2x+1?");
  });

  it("decodes &lt;marquee&gt;&lt;/marquee&gt; to literal markup text, not HTML", () => {
    expect(file.results[38]!.correct_answer).toBe("&lt;marquee&gt;&lt;/marquee&gt;");
    expect(choicesOf(quiz.questions[38]!)).toEqual(["<marquee></marquee>", "<scroll></scroll>", "<move></move>", "<slide></slide>"]);
    expect(choicesOf(quiz.questions[43]!)).toContain("I<30ffTh3H00k");
  });

  it("keeps raw UTF-8 as it is", () => {
    expect(choicesOf(quiz.questions[1]!)).toContain("Gdańsk");
    expect(quiz.questions[3]!.text).toBe("What do you declare in Rīchi Mahjong when you've drawn your winning tile?");
    expect(choicesOf(quiz.questions[21]!)).toContain("Saikyō Habu Shōgi");
  });

  it("leaves no entity undecoded anywhere in the quiz", () => {
    expect(JSON.stringify(quiz)).not.toMatch(/&(#\d+|#x[\da-f]+|[a-z]+\d*);/i);
  });

  it("decodes decimal and hex numeric entities", () => {
    const result = fromOpenTdb({
      response_code: 0,
      results: [{ type: "multiple", category: "T", question: "&#72;&#x69;&#X21; &#8364;", correct_answer: "&#xe9;", incorrect_answers: ["&#233;&#x301;"] }],
    });
    expect(result.ok && [result.quiz.questions[0]!.text, ...choicesOf(result.quiz.questions[0]!)]).toEqual(["Hi! €", "é", "é\u0301"]);
  });

  it("decodes only once: &amp;quot; becomes the text &quot;", () => {
    const result = fromOpenTdb({ results: [{ type: "boolean", question: "Is &amp;quot; an entity?", correct_answer: "True", incorrect_answers: ["False"] }] });
    expect(result.ok && result.quiz.questions[0]!.text).toBe("Is &quot; an entity?");
  });
});

describe("whitespace", () => {
  it("trims answers with trailing spaces from the file", () => {
    const file = sample();
    const quiz = importSample();
    expect(file.results[2]!.incorrect_answers[1]).toBe("Sky High Zone ");
    expect(choicesOf(quiz.questions[2]!)[2]).toBe("Sky High Zone");
    expect(choicesOf(quiz.questions[30]!)[1]).toBe("Abigail");
    expect(choicesOf(quiz.questions[49]!)[1]).toBe("Mario Lemieux");
    for (const q of quiz.questions) for (const s of [q.text, ...choicesOf(q)]) expect(s).toBe(s.trim());
  });

  it("trims whitespace that was encoded as an entity too", () => {
    const result = fromOpenTdb({ results: [{ type: "multiple", category: " A ", question: "&#32; Q?&nbsp;\n", correct_answer: " a ", incorrect_answers: ["\tb"] }] });
    expect(result.ok && result.quiz).toMatchObject({ title: "Open Trivia DB: A", questions: [{ text: "Q?", choices: ["a", "b"] }] });
  });
});

describe("Open Trivia DB errors", () => {
  it("reports a question longer than the limit with its results path", () => {
    const file = sample();
    file.results[7]!.question = "Why? ".repeat(101); // 505 characters
    const result = importQuiz(file);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toEqual([
      { path: "results.7.question", message: expect.stringContaining(String(LIMITS.questionTextMax)) },
    ]);
  });

  it("measures the length limit after decoding entities", () => {
    const file = sample();
    file.results[7]!.question = `${"&quot;".repeat(LIMITS.questionTextMax - 1)}?`; // 3000 characters raw, 500 decoded
    expect(importQuiz(file).ok).toBe(true);
  });

  it("reports a too-long answer at its place in the file", () => {
    const file = sample();
    file.results[12]!.correct_answer = "y".repeat(LIMITS.choiceTextMax + 1);
    file.results[10]!.incorrect_answers[2] = "z".repeat(LIMITS.choiceTextMax + 1);
    const result = importQuiz(file);
    expect(!result.ok && result.errors.map((e) => e.path)).toEqual(["results.10.incorrect_answers.2", "results.12.correct_answer"]);
  });

  it("rejects a response_code other than 0 and names it", () => {
    const result = importQuiz({ response_code: 1, results: [] });
    expect(result).toEqual({ ok: false, errors: [{ path: "response_code", message: expect.stringMatching(/response_code 1 \(no results/) }] });
    const five = importQuiz({ response_code: 5, results: sample().results });
    expect(!five.ok && five.errors[0]!.message).toMatch(/response_code 5 \(rate limited/);
  });

  it("accepts a file without response_code (scraped dumps have only results)", () => {
    expect(importQuiz({ results: sample().results }).ok).toBe(true);
  });

  it("rejects an empty results list", () => {
    const result = importQuiz({ response_code: 0, results: [] });
    expect(!result.ok && result.errors.map((e) => e.path)).toEqual(["results"]);
  });

  it("rejects more questions than the game allows without validating each one", () => {
    const result = importQuiz({ response_code: 0, results: new Array(1_000_000).fill(0) });
    expect(result).toEqual({ ok: false, errors: [{ path: "results", message: "at most 100 questions allowed, got 1000000" }] });
  });

  it("names the question number and field of malformed questions", () => {
    const file = sample();
    const r = file.results as unknown[];
    r[3] = "not a question";
    r[4] = { ...file.results[4]!, type: "open" };
    r[12] = { ...file.results[12]!, question: 7, incorrect_answers: "x" };
    r[13] = { ...file.results[13]!, correct_answer: "Maybe" }; // a boolean question
    const result = importQuiz(file);
    expect(!result.ok && result.errors.map((e) => e.path)).toEqual([
      "results.3",
      "results.4.type",
      "results.12.question",
      "results.12.incorrect_answers",
      "results.13.correct_answer",
    ]);
  });

  it("reports a multiple-choice question with too many answers", () => {
    const file = sample();
    file.results[1]!.incorrect_answers.push("Kraków", "Łódź", "Toruń");
    const result = importQuiz(file);
    expect(!result.ok && result.errors.map((e) => e.path)).toEqual(["results.1.incorrect_answers"]);
  });
});
