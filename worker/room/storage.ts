// SQLite rows for one game: a small game row, the quiz once, one row per player, one per answer.
// An answer costs one INSERT; nothing rewrites the whole game.
import type { GameSettings, Phase, Quiz } from "../protocol";
import { recount, type Answer, type EndReason, type GameState, type Player } from "../game/state";

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

/** Scalar game fields, saved as one small JSON row. */
interface GameRow {
  gameId: string;
  pin: string;
  hostId: string;
  settings: GameSettings;
  createdAt: number;
  startedAt: number | null;
  endedAt: number | null;
  endReason: EndReason | null;
  phase: Phase;
  question: number;
  endsAt: number | null;
  paused: boolean;
  remainingMs: number | null;
  pausedAt: number | null;
  openedAt: number | null;
  graceUntil?: number | null;
  seq: number;
}

type Row = Record<string, SqlStorageValue>;

export class RoomStorage {
  constructor(private readonly sql: SqlStorage) {
    this.init();
  }

  /** Creates the tables; also needed after `deleteAll()`, which drops them. */
  init(): void {
    this.sql.exec(SCHEMA);
    // Rooms created before player identifiers existed have the table without the column.
    const columns = this.sql.exec<{ name: string }>("SELECT name FROM pragma_table_info('players')").toArray();
    if (!columns.some((c) => c.name === "identifier")) this.sql.exec("ALTER TABLE players ADD COLUMN identifier TEXT");
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
    }
    const answers = new Map<string, Answer>();
    for (const a of this.answers(row.question)) if (!players.get(a.playerId)?.kicked) answers.set(a.playerId, a);
    const state: GameState = {
      ...row,
      graceUntil: row.graceUntil ?? null, // rows saved before the restart grace existed
      quiz: JSON.parse(game.quiz) as Quiz,
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
    const row: GameRow = {
      gameId: s.gameId,
      pin: s.pin,
      hostId: s.hostId,
      settings: s.settings,
      createdAt: s.createdAt,
      startedAt: s.startedAt,
      endedAt: s.endedAt,
      endReason: s.endReason,
      phase: s.phase,
      question: s.question,
      endsAt: s.endsAt,
      paused: s.paused,
      remainingMs: s.remainingMs,
      pausedAt: s.pausedAt,
      openedAt: s.openedAt,
      graceUntil: s.graceUntil,
      seq: s.seq,
    };
    if (withQuiz)
      this.sql.exec("INSERT OR REPLACE INTO game (id, data, quiz) VALUES (1, ?, ?)", JSON.stringify(row), JSON.stringify(s.quiz));
    else this.sql.exec("UPDATE game SET data = ? WHERE id = 1", JSON.stringify(row));
  }

  savePlayer(p: Player): void {
    this.sql.exec(
      `INSERT OR REPLACE INTO players (id, nickname, score, streak, correct, last_points, rank, kicked, joined_at, identifier)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      p.id, p.nickname, p.score, p.streak, p.correctCount, p.lastPoints, p.rank, p.kicked ? 1 : 0, p.joinedAt, p.identifier,
    );
  }

  saveScores(players: Iterable<Player>): void {
    for (const p of players)
      this.sql.exec(
        "UPDATE players SET score = ?, streak = ?, correct = ?, last_points = ?, rank = ? WHERE id = ?",
        p.score, p.streak, p.correctCount, p.lastPoints, p.rank, p.id,
      );
  }

  saveAnswer(a: Answer): void {
    this.sql.exec(
      `INSERT INTO answers (question, player_id, answer_id, choice, ms, correct, points, streak)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      a.question, a.playerId, a.answerId, a.choice, a.ms, a.correct ? 1 : 0, a.points, a.streak,
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
      ms: Number(r.ms),
      correct: r.correct === 1,
      points: Number(r.points),
      streak: Number(r.streak),
    }));
  }

  getMeta(key: string): string | null {
    const row = this.sql.exec<{ value: string }>("SELECT value FROM meta WHERE key = ?", key).toArray()[0];
    return row ? row.value : null;
  }

  setMeta(key: string, value: string | null): void {
    if (value === null) this.sql.exec("DELETE FROM meta WHERE key = ?", key);
    else this.sql.exec("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", key, value);
  }
}
