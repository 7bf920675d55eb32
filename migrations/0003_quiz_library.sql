-- Each host's quiz library. `quiz` is the validated quiz JSON (our format); title and question
-- count are copied out so the list needs no JSON parsing. Games keep their own snapshot of the
-- quiz in their room, so editing or deleting a quiz here never changes a running or archived game.
CREATE TABLE quizzes (
  id TEXT PRIMARY KEY,
  host_id TEXT NOT NULL,
  title TEXT NOT NULL,
  question_count INTEGER NOT NULL,
  quiz TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX quizzes_by_host ON quizzes (host_id, updated_at DESC, id);
