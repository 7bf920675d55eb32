// Real headless Chromium against the real dev server: one host page and three phone-sized player
// pages play a two-question game through the UI to the podium; a game ended early; the editor.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { startDevServer, type DevServer } from "./dev-server";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const OUT = path.resolve("test-output/screenshots");
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

let server: DevServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
/** Script errors and Content-Security-Policy violations from every page: the app must cause none. */
const pageProblems: string[] = [];

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  server = await startDevServer();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-quic", "--no-first-run", "--disable-sync"],
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function newPage(viewport: { width: number; height: number }): Promise<Page> {
  const ctx = await browser.newContext({ viewport, baseURL: server.url });
  contexts.push(ctx);
  const page = await ctx.newPage();
  page.on("pageerror", (err) => pageProblems.push(`pageerror: ${err.message}`));
  page.on("console", (msg) => {
    if (msg.type() === "error" && /Content Security Policy|Refused to/i.test(msg.text())) pageProblems.push(msg.text());
  });
  return page;
}

/** Runs axe-core in the page; returns serious and critical violations only. */
async function axe(page: Page): Promise<string[]> {
  // Through DevTools evaluation, not a <script> tag: the app's CSP rightly refuses inline scripts.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const w = window as unknown as { axe: { run: (o: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } };
    const res = await w.axe.run({ runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
    return res.violations.map((v) => ({ id: v.id, impact: v.impact, where: v.nodes.map((n) => n.target.join(" ")).slice(0, 3) }));
  });
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id} at ${v.where.join(", ")}`);
}

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage: true });

/** The server's own podium, read over a host socket (not through the page). */
async function serverPodium(pin: string, token: string): Promise<{ nickname: string; score: number }[]> {
  const res = await fetch(`${server.url}/api/games/${pin}/host-ticket`, { method: "POST", headers: { Authorization: `Bearer ${token}` } });
  const { ticket } = (await res.json()) as { ticket: string };
  const ws = new WebSocket(`${server.url.replace("http", "ws")}/api/games/${pin}/ws?ticket=${encodeURIComponent(ticket)}`);
  const snap = await new Promise<{ leaderboard: { nickname: string; score: number }[] }>((resolve, reject) => {
    ws.once("message", (d) => resolve(JSON.parse(String(d))));
    ws.once("error", reject);
  });
  ws.close();
  return snap.leaderboard.slice(0, 3).map((r) => ({ nickname: r.nickname, score: r.score }));
}

/** A host page that signs in, imports `quiz` as a file and launches it with the answer order kept. */
async function launchFromFile(hostName: string, quiz: { title: string; questions: unknown[] }, file: string): Promise<{ host: Page; pin: string }> {
  const quizFile = path.resolve(`test-output/${file}`);
  writeFileSync(quizFile, JSON.stringify(quiz));
  const host = await newPage({ width: 1280, height: 800 });
  await host.goto("/host");
  await host.getByLabel("Your name").fill(hostName);
  await host.getByRole("button", { name: "Sign in (local dev)" }).click();
  await host.getByTestId("quiz-file").setInputFiles(quizFile);
  await host.getByText(`Imported “${quiz.title}” (${quiz.questions.length} questions)`).waitFor();
  await host.getByLabel("Keep answer order").check();
  await host.getByRole("button", { name: "Launch game" }).first().click();
  return { host, pin: (await host.getByTestId("big-pin").textContent())!.trim() };
}

/** A phone-sized page that joins through the QR deep link. */
async function joinPhone(pin: string, name: string): Promise<Page> {
  const p = await newPage({ width: 390, height: 844 });
  await p.goto(`/join/${pin}`);
  await p.getByLabel("Nickname").fill(name);
  await p.getByRole("button", { name: "Join" }).click();
  await p.getByText("You're in!").waitFor();
  return p;
}

describe("the web app in Chromium", () => {
  it("plays a two-question game from a host page and three phones to the podium", async () => {
    // A quiz file the host uploads: choice 0 is right (answer order kept).
    const { host, pin } = await launchFromFile("Ms. Host", {
      title: "Browser quiz",
      questions: [
        { text: "Which planet is known as the Red Planet?", choices: ["Mars", "Venus", "Jupiter", "Mercury"], correct: [0], timeLimitSec: 30 },
        { text: "What is 6 × 7?", choices: ["42", "36", "48", "67"], correct: [0], timeLimitSec: 30 },
      ],
    }, "e2e-quiz.json");
    expect(pin).toMatch(/^\d{6}$/);
    const token = await host.evaluate(() => JSON.parse(localStorage.getItem("quiz.host-token")!).token as string);

    // Three phones join through the QR deep link.
    const phones: Page[] = [];
    for (const name of ["Ada", "Grace", "Linus"]) phones.push(await joinPhone(pin, name));
    const [ada, grace, linus] = phones as [Page, Page, Page];
    await host.getByText("3 players").waitFor();
    await shot(host, "host-lobby");
    expect(await axe(host), "host lobby").toEqual([]);
    expect(await axe(ada), "player lobby").toEqual([]);

    // Question 1: Ada right, Grace wrong, Linus right.
    await host.getByTestId("host-start").click();
    await ada.locator('.tile[data-choice="0"]:not([disabled])').waitFor({ timeout: 10_000 });
    await shot(ada, "player-answer");
    expect(await axe(ada), "player question").toEqual([]);
    expect(await axe(host), "host question").toEqual([]);
    await ada.locator('.tile[data-choice="0"]').click();
    await ada.getByTestId("locked-in").getByText("Answer locked in").waitFor();
    await grace.locator('.tile[data-choice="1"]:not([disabled])').click();
    await linus.locator('.tile[data-choice="0"]:not([disabled])').click();
    await ada.getByRole("heading", { name: "Correct" }).waitFor();
    // Ada joined first, when the game had one player: her rank line still counts all three.
    expect(await ada.getByTestId("result").textContent()).toMatch(/of 3/);
    await grace.getByRole("heading", { name: "Incorrect" }).waitFor();
    await shot(host, "host-reveal");
    const linusScore = Number(await linus.getByTestId("my-score").textContent());
    expect(linusScore).toBeGreaterThan(500);

    // Leaderboard, then question 2; Linus reloads his phone mid-question and keeps his score.
    await host.getByTestId("host-next").click();
    await host.getByRole("heading", { name: "Leaderboard" }).waitFor();
    await host.getByTestId("host-next").click();
    await linus.locator('.tile[data-choice="0"]:not([disabled])').waitFor({ timeout: 10_000 });
    await linus.reload();
    await linus.locator('.tile[data-choice="0"]:not([disabled])').waitFor({ timeout: 10_000 });
    expect(Number(await linus.getByTestId("my-score").textContent())).toBe(linusScore);
    await linus.locator('.tile[data-choice="0"]').click();
    await ada.locator('.tile[data-choice="0"]:not([disabled])').click();
    await grace.locator('.tile[data-choice="0"]:not([disabled])').click();
    await host.getByRole("heading", { name: "What is 6 × 7?" }).waitFor();
    await linus.getByRole("heading", { name: "Correct" }).waitFor();

    // To the podium: what the page shows equals what the server holds.
    await host.getByTestId("host-next").click();
    await host.getByRole("heading", { name: "Leaderboard" }).waitFor();
    await host.getByTestId("host-next").click();
    await host.getByRole("heading", { name: "Podium" }).waitFor();
    const shown = await host.locator(".podium .step").evaluateAll((els) =>
      els.map((e) => ({ nickname: (e as HTMLElement).dataset.nickname!, score: Number((e as HTMLElement).dataset.score) })),
    );
    await grace.getByTestId("final").waitFor();
    await shot(host, "host-podium");
    expect(await axe(host), "podium").toEqual([]);
    // Read after the shots: this host socket replaces the page's (one host connection per game).
    const truth = await serverPodium(pin, token);
    const order = (rows: { nickname: string; score: number }[]) =>
      [...rows].sort((a, b) => b.score - a.score || a.nickname.localeCompare(b.nickname));
    expect(order(shown)).toEqual(order(truth));
    expect(truth.map((r) => r.nickname)).toContain("Linus");
    expect(await grace.getByTestId("final").textContent()).toMatch(/You finished 3 of 3/);
    await expect.poll(() => host.getByRole("alert").textContent()).toMatch(/another tab/);
    // The report page shows the archived game (written by the queue consumer).
    await host.goto(`/host/report/${await host.evaluate((p) => JSON.parse(localStorage.getItem(`quiz.host-game.${p}`)!).gameId, pin)}`);
    await host.getByTestId("report").getByText("Browser quiz").waitFor();
    expect(await host.getByTestId("report").textContent()).toMatch(/3 players/);
    const rows = await host.locator('[data-testid="report"] tbody tr').allTextContents();
    expect(rows).toHaveLength(3);
    expect(rows[2]).toMatch(/Grace/);
    const download = host.waitForEvent("download");
    await host.getByRole("button", { name: "XLSX" }).click();
    expect((await download).suggestedFilename()).toBe(`quiz-report-${pin}.xlsx`);
    await shot(host, "host-report");
    expect(await axe(host), "report").toEqual([]);
    expect(pageProblems).toEqual([]);
  });

  it("a host who ends the game early still shows the podium, and each phone its rank of everyone", async () => {
    const { host, pin } = await launchFromFile("Mr. Early", { title: "Early end", questions: [
      { text: "Pick the first", choices: ["First", "Second"], correct: [0], timeLimitSec: 30 },
      { text: "Never asked", choices: ["A", "B"], correct: [0], timeLimitSec: 30 },
    ] }, "e2e-quiz-early.json");
    // Ana joins first, while the game has one player: her phone must still rank her of two.
    const phones: Page[] = [];
    for (const name of ["Ana", "Bo"]) phones.push(await joinPhone(pin, name));
    const [ana, bo] = phones as [Page, Page];
    await host.getByText("2 players").waitFor();
    await host.getByTestId("host-start").click();
    await ana.locator('.tile[data-choice="1"]:not([disabled])').click();
    await bo.locator('.tile[data-choice="0"]:not([disabled])').click();
    await bo.getByRole("heading", { name: "Correct" }).waitFor();
    host.once("dialog", (d) => void d.accept());
    await host.getByRole("button", { name: "End game" }).click();
    await host.getByText("The host ended the game.").waitFor();
    // Highest score first (the podium lays its steps out 2-1-3).
    const podium = () => host.locator(".podium .step").evaluateAll((els) =>
      els.map((e) => (e as HTMLElement).dataset).sort((a, b) => Number(b.score) - Number(a.score)).map((d) => d.nickname));
    await expect.poll(podium).toEqual(["Bo", "Ana"]);
    await ana.getByTestId("final").waitFor();
    expect(await ana.getByTestId("final").textContent()).toMatch(/You finished 2 of 2/);
    expect(await bo.getByTestId("final").textContent()).toMatch(/You finished 1 of 2/);
    await shot(host, "host-ended-early");
  });

  it("a phone whose nickname is refused gets the server's neutral suggestion in the field", async () => {
    const { token } = (await (await fetch(`${server.url}/api/auth/dev/sign-in`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ name: "Nick Host" }) })).json()) as { token: string };
    const quiz = { title: "Names", questions: [{ text: "Q", choices: ["A", "B"], correct: [0] }] };
    const game = (await (await fetch(`${server.url}/api/games`, { method: "POST", headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` }, body: JSON.stringify({ quiz }) })).json()) as { pin: string };
    const phone = await newPage({ width: 390, height: 844 });
    await phone.goto(`/join/${game.pin}`);
    await phone.getByLabel("Nickname").fill("f u c k");
    await phone.getByRole("button", { name: "Join" }).click();
    await expect.poll(() => phone.getByRole("alert").textContent()).toMatch(/not allowed/);
    const offered = await phone.getByLabel("Nickname").inputValue();
    expect(offered).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+ \d{2}$/);
    await phone.getByRole("button", { name: "Join" }).click();
    await phone.getByText("You're in!").waitFor();
  });

  it("a host builds a quiz with all question types in the editor and plays it with a phone", async () => {
    const host = await newPage({ width: 1280, height: 900 });
    await host.goto("/host");
    await host.getByLabel("Your name").fill("Editor Host");
    await host.getByRole("button", { name: "Sign in (local dev)" }).click();
    await host.getByRole("link", { name: "New quiz" }).click();
    const q = (i: number) => host.getByTestId("editor-question").nth(i);

    // Saving an empty quiz shows the problems next to their fields.
    await host.getByRole("button", { name: "Save quiz" }).click();
    await host.locator("#quiz-title + .field-error").waitFor();
    await q(0).locator("#q0-text + .field-error").getByText("must not be empty").waitFor();
    expect(await axe(host), "editor with errors").toEqual([]);

    await host.getByLabel("Title", { exact: true }).fill("Every type");
    const fill = async (i: number, text: string, entries: [string, string[]]) => {
      await q(i).getByLabel("Question", { exact: true }).fill(text);
      for (const [k, v] of entries[1].entries()) await q(i).getByLabel(`${entries[0]} ${k + 1}`, { exact: true }).fill(v);
    };
    const add = async (type: string) => {
      await host.getByLabel("Question type").selectOption({ label: type });
      await host.getByRole("button", { name: "+ Add question" }).click();
    };
    await fill(0, "Capital of France?", ["Answers", ["Paris", "Lyon", "Nice", "Lille"]]);
    await add("Multi-select");
    await fill(1, "Which are primes?", ["Answers", ["2", "4", "5", "9"]]);
    await q(1).getByLabel("Answer 3 is correct").check();
    await add("True or false");
    await fill(2, "The sun is a star.", ["Answers", []]);
    await add("Type answer");
    await fill(3, "Largest city of southern Sweden?", ["Accepted answers", ["Malmö"]]);
    await add("Poll");
    await fill(4, "Tea or coffee?", ["Answers", ["Tea", "Coffee"]]);
    await add("Slider");
    await fill(5, "Pick 50", ["Answers", []]);
    await add("Puzzle");
    await fill(6, "Alphabet order", ["Items in the right order", ["Alpha", "Bravo", "Charlie"]]);
    // Move the puzzle up and back down, and preview it as a player sees it.
    await q(6).getByRole("button", { name: "Move 7 up" }).click();
    await q(5).getByRole("button", { name: "Move 6 down" }).click();
    await q(6).getByRole("button", { name: "Preview" }).click();
    expect(await q(6).getByTestId("puzzle-item").count()).toBe(3);
    await host.getByRole("button", { name: "Save quiz" }).click();
    await host.getByText("Saved.").waitFor();
    await shot(host, "host-editor");

    // Launch it from the library, answer order kept, and play every question with one phone.
    await host.goto("/host");
    await host.getByText("Every type").waitFor();
    await host.getByLabel("Keep answer order").check();
    await host.getByRole("button", { name: "Launch game" }).first().click();
    const pin = (await host.getByTestId("big-pin").textContent())!.trim();
    const phone = await newPage({ width: 390, height: 844 });
    await phone.goto(`/join/${pin}`);
    await phone.getByLabel("Nickname").fill("Edie");
    await phone.getByRole("button", { name: "Join" }).click();
    await phone.getByText("You're in!").waitFor();
    await host.getByTestId("host-start").click();

    const tile = (i: number) => phone.locator(`.tile[data-choice="${i}"]:not([disabled])`);
    const submit = () => phone.getByTestId("submit-answer").click();
    const answers: (() => Promise<void>)[] = [
      () => tile(0).click(),
      async () => {
        await tile(0).click();
        await tile(2).click();
        await submit();
      },
      () => tile(0).click(),
      async () => {
        await phone.getByLabel("Type your answer").fill("malmo");
        await submit();
      },
      () => tile(1).click(),
      // The slider starts in the middle: 50.
      async () => {
        await phone.getByTestId("slider").waitFor();
        await submit();
      },
      async () => {
        await phone.getByTestId("puzzle-item").first().waitFor();
        // Sort the shown items with the keyboard-reachable "move up" buttons.
        for (let pass = 0; pass < 3; pass++)
          for (let k = 1; k < 3; k++) {
            const texts = await phone.locator(".puzzle-text").allTextContents();
            if (texts[k]! < texts[k - 1]!) await phone.getByRole("button", { name: `Move ${texts[k]} up` }).click();
          }
        expect(await phone.locator(".puzzle-text").allTextContents()).toEqual(["Alpha", "Bravo", "Charlie"]);
        await submit();
      },
    ];
    for (const [i, answer] of answers.entries()) {
      await answer();
      await phone.getByTestId("result").waitFor();
      const verdict = await phone.getByTestId("result").getByRole("heading").textContent();
      expect(verdict, `question ${i + 1}`).toBe(i === 4 ? "Thanks for voting" : "Correct");
      if (i === 6) expect(await phone.getByTestId("reveal-details").textContent()).toMatch(/Alpha.*Bravo.*Charlie/);
      await host.getByTestId("host-next").click();
      await host.getByRole("heading", { name: "Leaderboard" }).waitFor();
      await host.getByTestId("host-next").click();
    }
    await host.getByRole("heading", { name: "Podium" }).waitFor();
    await phone.getByTestId("final").waitFor();
    expect(Number(await phone.getByTestId("my-score").textContent())).toBeGreaterThan(5000);
    expect(pageProblems).toEqual([]);
  });
});
