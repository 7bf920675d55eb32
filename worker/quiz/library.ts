// The host's quiz library in D1. Every query is scoped by host id: a host never reads, changes or
// even learns about another host's quiz (someone else's id answers like a missing one).
import { LIBRARY_MAX, Quiz, type QuizSummary, type StoredQuiz } from "../protocol";

interface Row {
  id: string;
  title: string;
  question_count: number;
  quiz: string;
  created_at: number;
  updated_at: number;
}

const summary = (r: Row): QuizSummary => ({ id: r.id, title: r.title, questionCount: r.question_count, createdAt: r.created_at, updatedAt: r.updated_at });
// Parsed, not cast, so a row written by an older version still reads as today's schema.
const stored = (r: Row): StoredQuiz => ({ ...summary(r), quiz: Quiz.parse(JSON.parse(r.quiz)) });

export class QuizLibrary {
  constructor(private readonly db: D1Database, private readonly hostId: string) {}

  async list(): Promise<QuizSummary[]> {
    const { results } = await this.db
      .prepare("SELECT id, title, question_count, created_at, updated_at FROM quizzes WHERE host_id = ? ORDER BY updated_at DESC, id LIMIT ?")
      .bind(this.hostId, LIBRARY_MAX)
      .all<Row>();
    return results.map(summary);
  }

  async get(id: string): Promise<StoredQuiz | null> {
    const row = await this.db.prepare("SELECT * FROM quizzes WHERE id = ? AND host_id = ?").bind(id, this.hostId).first<Row>();
    return row ? stored(row) : null;
  }

  async count(): Promise<number> {
    return (await this.db.prepare("SELECT COUNT(*) AS n FROM quizzes WHERE host_id = ?").bind(this.hostId).first<{ n: number }>())?.n ?? 0;
  }

  async create(quiz: Quiz, now: number): Promise<StoredQuiz> {
    const id = crypto.randomUUID();
    await this.db
      .prepare("INSERT INTO quizzes (id, host_id, title, question_count, quiz, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
      .bind(id, this.hostId, quiz.title, quiz.questions.length, JSON.stringify(quiz), now, now)
      .run();
    return { id, title: quiz.title, questionCount: quiz.questions.length, createdAt: now, updatedAt: now, quiz };
  }

  /** Replaces the quiz; null when there is no such quiz of this host. */
  async update(id: string, quiz: Quiz, now: number): Promise<StoredQuiz | null> {
    const res = await this.db
      .prepare("UPDATE quizzes SET title = ?, question_count = ?, quiz = ?, updated_at = ? WHERE id = ? AND host_id = ?")
      .bind(quiz.title, quiz.questions.length, JSON.stringify(quiz), now, id, this.hostId)
      .run();
    return res.meta.changes ? this.get(id) : null;
  }

  async delete(id: string): Promise<boolean> {
    const res = await this.db.prepare("DELETE FROM quizzes WHERE id = ? AND host_id = ?").bind(id, this.hostId).run();
    return res.meta.changes > 0;
  }
}
