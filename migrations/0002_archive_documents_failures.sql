-- The stored document moves out of `games` into parts: a D1 value is capped at 2 MB, and a
-- 2,000-player, 30-question result is several MB of JSON. `games.parts` says how many parts
-- make the document; the row is written after its parts, so readers never see half a document.
CREATE TABLE game_parts (
  game_id TEXT NOT NULL,
  part INTEGER NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (game_id, part)
);
INSERT INTO game_parts (game_id, part, body) SELECT id, 0, result FROM games;

CREATE TABLE games_v2 (
  id TEXT PRIMARY KEY,
  pin TEXT NOT NULL,
  host_id TEXT NOT NULL,
  title TEXT NOT NULL,
  reason TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  started_at INTEGER,
  ended_at INTEGER NOT NULL,
  players INTEGER NOT NULL,
  questions INTEGER NOT NULL,
  winner TEXT,
  parts INTEGER NOT NULL,
  bytes INTEGER NOT NULL,
  archived_at INTEGER NOT NULL
);
INSERT INTO games_v2 (id, pin, host_id, title, reason, created_at, started_at, ended_at, players, questions, winner, parts, bytes, archived_at)
  SELECT id, pin, host_id, title, reason, created_at, started_at, ended_at, players, questions, winner, 1, length(CAST(result AS BLOB)), archived_at FROM games;
DROP TABLE games;
ALTER TABLE games_v2 RENAME TO games;
CREATE INDEX games_by_host ON games (host_id, ended_at DESC, id DESC);

-- Archive messages that failed: written while retrying, marked dead by the dead-letter consumer,
-- and redriven by an admin. One row per game (or per message id when the body had no game id).
CREATE TABLE archive_failures (
  id TEXT PRIMARY KEY,
  game_id TEXT,
  status TEXT NOT NULL CHECK (status IN ('retrying', 'dead', 'redriven', 'resolved')),
  permanent INTEGER NOT NULL DEFAULT 0,
  error TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  -- The queue message body as JSON, kept so a redrive re-sends exactly what failed.
  message TEXT,
  first_failed_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  redriven_at INTEGER
);
CREATE INDEX archive_failures_by_status ON archive_failures (status, updated_at DESC);
