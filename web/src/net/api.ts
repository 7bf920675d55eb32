// REST calls. Every answer is checked against the shared schemas; errors become ApiFailure.
import {
  CreateGameResponse,
  DevSignInResponse,
  ErrorBody,
  GameList,
  GameReport,
  GameStatus,
  JoinResponse,
  ImportQuizResponse,
  QuizList,
  StoredQuiz,
  TicketResponse,
  ValidateQuizResponse,
  type GameSettings,
  type Quiz,
} from "@protocol";
import type { z } from "zod";

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: { path: string; message: string }[] = [],
    /** `nickname-rejected`: a neutral nickname to offer instead. */
    readonly suggestion?: string,
  ) {
    super(message);
  }
}

async function call<S extends z.ZodType>(schema: S, path: string, init: RequestInit & { token?: string | null; json?: unknown } = {}) {
  const headers = new Headers(init.headers);
  if (init.token) headers.set("Authorization", `Bearer ${init.token}`);
  if (init.json !== undefined) headers.set("Content-Type", "application/json");
  let res: Response;
  try {
    res = await fetch(path, { ...init, headers, body: init.json !== undefined ? JSON.stringify(init.json) : init.body });
  } catch {
    throw new ApiFailure(0, "offline", "Cannot reach the server.");
  }
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const err = ErrorBody.safeParse(body);
    if (err.success) throw new ApiFailure(res.status, err.data.error.code, err.data.error.message, err.data.error.fields, err.data.error.suggestion);
    throw new ApiFailure(res.status, "internal", `The server answered ${res.status}.`);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new ApiFailure(res.status, "internal", "The server sent something unexpected.");
  return parsed.data as z.output<S>;
}

export const api = {
  devSignIn: (name: string) => call(DevSignInResponse, "/api/auth/dev/sign-in", { method: "POST", json: { name } }),
  status: (pin: string) => call(GameStatus, `/api/games/${pin}`),
  join: (pin: string, nickname: string) => call(JoinResponse, `/api/games/${pin}/join`, { method: "POST", json: { nickname } }),
  resume: (pin: string, resumeToken: string) =>
    call(TicketResponse, `/api/games/${pin}/resume`, { method: "POST", json: { resumeToken } }),
  hostTicket: (pin: string, token: string) => call(TicketResponse, `/api/games/${pin}/host-ticket`, { method: "POST", token }),
  validateQuiz: (quiz: unknown, token: string) =>
    call(ValidateQuizResponse, "/api/quizzes/validate", { method: "POST", token, json: { quiz } }),
  report: (gameId: string, token: string) => call(GameReport, `/api/reports/${gameId}`, { token }),
  reports: (token: string) => call(GameList, "/api/reports", { token }),
  /** CSV or XLSX as a file to save. */
  reportFile: async (gameId: string, format: "csv" | "xlsx", table: "players" | "questions", token: string) => {
    const res = await fetch(`/api/reports/${gameId}?format=${format}&table=${table}`, { headers: { Authorization: `Bearer ${token}` } });
    if (!res.ok) throw new ApiFailure(res.status, "internal", `The server answered ${res.status}.`);
    return res.blob();
  },
  createGame: (quiz: Quiz, settings: Partial<GameSettings>, token: string) =>
    call(CreateGameResponse, "/api/games", { method: "POST", token, json: { quiz, format: "native", settings } }),
};

/** The host's quiz library (`/api/quizzes`). */
export const library = {
  list: (token: string) => call(QuizList, "/api/quizzes", { token }),
  get: (id: string, token: string) => call(StoredQuiz, `/api/quizzes/${id}`, { token }),
  create: (quiz: unknown, token: string) => call(StoredQuiz, "/api/quizzes", { method: "POST", token, json: quiz }),
  update: (id: string, quiz: unknown, token: string) => call(StoredQuiz, `/api/quizzes/${id}`, { method: "PUT", token, json: quiz }),
  duplicate: (id: string, token: string) => call(StoredQuiz, `/api/quizzes/${id}/duplicate`, { method: "POST", token }),
  remove: async (id: string, token: string) => {
    const res = await fetch(`/api/quizzes/${id}`, { method: "DELETE", headers: { Authorization: `Bearer ${token}` } });
    if (!res.ok && res.status !== 404) throw new ApiFailure(res.status, "internal", `The server answered ${res.status}.`);
  },
  /** Uploads the file as it is (JSON, CSV or xlsx bytes); the server detects the format. */
  importFile: (file: Blob, name: string, token: string) =>
    call(ImportQuizResponse, `/api/quizzes/import?name=${encodeURIComponent(name)}`, {
      method: "POST",
      token,
      body: file,
      headers: { "Content-Type": file.type || "application/octet-stream" },
    }),
  /** Downloads an export (JSON or the Kahoot xlsx template) through a temporary link. */
  download: async (id: string, format: "json" | "xlsx", token: string) => {
    const res = await fetch(`/api/quizzes/${id}/export?format=${format}`, { headers: { Authorization: `Bearer ${token}` } });
    if (!res.ok) throw new ApiFailure(res.status, "internal", `The server answered ${res.status}.`);
    const name = /filename="([^"]+)"/.exec(res.headers.get("Content-Disposition") ?? "")?.[1] ?? `quiz.${format}`;
    const url = URL.createObjectURL(await res.blob());
    const a = Object.assign(document.createElement("a"), { href: url, download: name });
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  },
  startGame: (quizId: string, settings: Partial<GameSettings>, token: string) =>
    call(CreateGameResponse, "/api/games", { method: "POST", token, json: { quizId, settings } }),
};

export const socketUrl = (pin: string, ticket: string) => {
  const proto = location.protocol === "https:" ? "wss:" : "ws:";
  return `${proto}//${location.host}/api/games/${pin}/ws?ticket=${encodeURIComponent(ticket)}`;
};
