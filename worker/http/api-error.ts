import type { ErrorBody, ErrorCode } from "../protocol";

const STATUS: Record<ErrorCode, number> = {
  "bad-request": 400,
  "bad-quiz": 400,
  unauthorized: 401,
  forbidden: 403,
  kicked: 403,
  "not-found": 404,
  "game-full": 409,
  "game-ended": 409,
  "nickname-taken": 409,
  "pin-exhausted": 503,
  internal: 500,
  "token-expired": 401,
  "invalid-token": 401,
  "auth-unavailable": 503,
  "rate-limited": 429,
  "nickname-rejected": 400,
};

/** The one error type routes throw; `onError` turns it into `{error:{code,message,fields?}}`. */
export class ApiError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: { path: string; message: string }[],
    readonly extra: { suggestion?: string; retryAfterSec?: number } = {},
  ) {
    super(message);
    this.status = STATUS[code];
  }

  body(): ErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.fields ? { fields: this.fields } : {}), ...this.extra } };
  }
}
