// SQLite rows for one game: a small game row, the quiz once, one row per player, one per answer.
// An answer costs one INSERT; nothing rewrites the whole game.
import { Quiz } from "../protocol";
import type { AnswerPayload } from "../game/answer-value";
import { recount, type Answer, type GameState, type Player } from "../game/state";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS game (id INTEGER PRIMARY KEY CHECK (id = 1), data TEXT NOT NULL, quiz TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS players (
  id TEXT PRIMARY KEY, nickname TEXT NOT NULL, score INTEGER NOT NULL, streak INTEGER NOT NULL,
  correct INTEGER NOT NULL, last_points INTEGER NOT NULL, rank INTEGER NOT NULL, kicked INTEGER NOT NULL,
  joined_at INTEGER NOT NULL, identifier TEXT);
CREATE TABLE IF NOT EXISTS answers (
  question INTEGER NOT NULL, player_id TEXT NOT NULL, answer_id TEXT NOT NULL, choice INTEGER NOT NULL,
  ms INTEGER NOT NULL, correct INTEGER NOT NULL, points INTEGER NOT NULL, streak INTEGER NOT NULL,
  PRIMARY KEY (question, player_id));
`;

/** Collections and counters are rows of their own or derived on load; the rest is one small JSON row. */
type Derived = "quiz" | "hostConnected" | "players" | "nicknames" | "answers" | "activeCount" | "connectedCount" | "pendingCount";
type GameRow = Omit<GameState, Derived>;

type Row = Record<string, SqlStorageValue>;

/** The columns `saveScores` writes, as one comparable key. */
const scoreKey = (p: Player) => `${p.score},${p.streak},${p.correctCount},${p.lastPoints},${p.rank}`;

export class RoomStorage {
  /** Write-through copy of the meta rows: read after every state change (idle time, archived). */
  private meta = new Map<string, string | null>();
  /** Score columns as last written per player, so a re-rank that changed nothing writes nothing. */
  private savedScores = new Map<string, string>();

  constructor(private readonly sql: SqlStorage) {
    this.init();
  }

  /** Creates the tables; also needed after `deleteAll()`, which drops them. */
  init(): void {
    this.meta.clear();
    this.savedScores.clear();
    this.sql.exec(SCHEMA);
    // Rooms created before player identifiers existed have the table without the column.
    const columns = this.sql.exec<{ name: string }>("SELECT name FROM pragma_table_info('players')").toArray();
    if (!columns.some((c) => c.name === "identifier")) this.sql.exec("ALTER TABLE players ADD COLUMN identifier TEXT");
    // Likewise answers before question types: the payload of non-single-choice answers, as JSON.
    const answerColumns = this.sql.exec<{ name: string }>("SELECT name FROM pragma_table_info('answers')").toArray();
    if (!answerColumns.some((c) => c.name === "payload")) this.sql.exec("ALTER TABLE answers ADD COLUMN payload TEXT");
  }

  hasGame(): boolean {
    return this.sql.exec("SELECT 1 FROM game").toArray().length > 0;
  }

  /** Rebuilds the state; `connected` lists players with an open socket right now. */
  load(connected: Set<string>, hostConnected: boolean): GameState | null {
    const game = this.sql.exec<{ data: string; quiz: string }>("SELECT data, quiz FROM game").toArray()[0];
    if (!game) return null;
    const row = JSON.parse(game.data) as GameRow;
    const players = new Map<string, Player>();
    for (const r of this.sql.exec<Row>("SELECT * FROM players ORDER BY joined_at")) {
      const id = String(r.id);
      players.set(id, {
        id,
        nickname: String(r.nickname),
        identifier: r.identifier === null || r.identifier === undefined ? null : String(r.identifier),
        score: Number(r.score),
        streak: Number(r.streak),
        correctCount: Number(r.correct),
        lastPoints: Number(r.last_points),
        rank: Number(r.rank),
        kicked: r.kicked === 1,
        joinedAt: Number(r.joined_at),
        connected: connected.has(id) && r.kicked !== 1,
      });
      this.savedScores.set(id, scoreKey(players.get(id)!));
    }
    const answers = new Map<string, Answer>();
    for (const a of this.answers(row.question)) if (!players.get(a.playerId)?.kicked) answers.set(a.playerId, a);
    const state: GameState = {
      ...row,
      graceUntil: row.graceUntil ?? null, // rows saved before the restart grace existed
      // Parsed, not cast: rooms created before question types stored quizzes without `type`.
      quiz: Quiz.parse(JSON.parse(game.quiz)),
      hostConnected,
      players,
      nicknames: new Set(),
      answers,
      activeCount: 0,
      connectedCount: 0,
      pendingCount: 0,
    };
    recount(state);
    return state;
  }

  saveGame(s: GameState, withQuiz = false): void {
    // Everything but the derived parts (their names are dropped on purpose).
    const { quiz, hostConnected, players, nicknames, answers, activeCount, connectedCount, pendingCount, ...row } = s;
    if (withQuiz)
      this.sql.exec("INSERT OR REPLACE INTO game (id, data, quiz) VALUES (1, ?, ?)", JSON.stringify(row satisfies GameRow), JSON.stringify(quiz));
    else this.sql.exec("UPDATE game SET data = ? WHERE id = 1", JSON.stringify(row));
  }

  savePlayer(p: Player): void {
    this.sql.exec(
      `INSERT OR REPLACE INTO players (id, nickname, score, streak, correct, last_points, rank, kicked, joined_at, identifier)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      p.id, p.nickname, p.score, p.streak, p.correctCount, p.lastPoints, p.rank, p.kicked ? 1 : 0, p.joinedAt, p.identifier,
    );
    this.savedScores.set(p.id, scoreKey(p));
  }

  /** Writes the rows whose score columns changed since they were last written. */
  saveScores(players: Iterable<Player>): void {
    for (const p of players) {
      const key = scoreKey(p);
      if (this.savedScores.get(p.id) === key) continue;
      this.savedScores.set(p.id, key);
      this.sql.exec(
        "UPDATE players SET score = ?, streak = ?, correct = ?, last_points = ?, rank = ? WHERE id = ?",
        p.score, p.streak, p.correctCount, p.lastPoints, p.rank, p.id,
      );
    }
  }

  saveAnswer(a: Answer): void {
    this.sql.exec(
      `INSERT INTO answers (question, player_id, answer_id, choice, ms, correct, points, streak, payload)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      a.question, a.playerId, a.answerId, a.choice, a.ms, a.correct ? 1 : 0, a.points, a.streak,
      a.payload ? JSON.stringify(a.payload) : null,
    );
  }

  /** Answers of one question, or of every question when `question` is undefined. */
  answers(question?: number): Answer[] {
    const cursor =
      question === undefined
        ? this.sql.exec<Row>("SELECT * FROM answers ORDER BY question, player_id")
        : this.sql.exec<Row>("SELECT * FROM answers WHERE question = ?", question);
    return cursor.toArray().map((r) => ({
      question: Number(r.question),
      playerId: String(r.player_id),
      answerId: String(r.answer_id),
      choice: Number(r.choice),
      ...(typeof r.payload === "string" ? { payload: JSON.parse(r.payload) as AnswerPayload } : {}),
      ms: Number(r.ms),
      correct: r.correct === 1,
      points: Number(r.points),
      streak: Number(r.streak),
    }));
  }

  /** `fresh` reads the row even when cached (the alarm decides cleanup on what storage says). */
  getMeta(key: string, fresh = false): string | null {
    const cached = this.meta.get(key);
    if (cached !== undefined && !fresh) return cached;
    const row = this.sql.exec<{ value: string }>("SELECT value FROM meta WHERE key = ?", key).toArray()[0];
    const value = row ? row.value : null;
    this.meta.set(key, value);
    return value;
  }

  setMeta(key: string, value: string | null): void {
    if (this.meta.get(key) === value) return; // e.g. every connect clears idleSince
    this.meta.set(key, value);
    if (value === null) this.sql.exec("DELETE FROM meta WHERE key = ?", key);
    else this.sql.exec("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", key, value);
  }
}
