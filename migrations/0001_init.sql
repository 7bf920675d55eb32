-- Finished games, written by the ARCHIVE queue consumer (idempotent by id).
CREATE TABLE games (
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
  result TEXT NOT NULL,
  archived_at INTEGER NOT NULL
);
CREATE INDEX games_by_host ON games (host_id, ended_at DESC);

-- Results too large for one queue message, stored before the message is sent.
CREATE TABLE archive_parts (
  game_id TEXT NOT NULL,
  part INTEGER NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (game_id, part)
);
