-- Opinions people give on Choral ("Donnez votre avis", store/feedback_repository.h): a rating of
-- 1 to 5, an optional comment, and where it was given ("deposit").
CREATE TABLE feedback (
  id {{id_column}},
  user_id BIGINT NOT NULL REFERENCES users (id),
  rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
  comment TEXT NOT NULL DEFAULT '',
  context TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX feedback_created_idx ON feedback (created_at, id);
