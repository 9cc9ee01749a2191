-- Sending the outbox (platform/mail_dispatcher.h): when a message may next be tried (also the
-- lease a sender takes on it while sending, so that two `choral serve` never send it at once),
-- when it was given up after too many failures, and how far each person has read their
-- notifications in the portal.
ALTER TABLE outbox ADD COLUMN next_attempt_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN abandoned_at BIGINT;
CREATE INDEX outbox_due_idx ON outbox (next_attempt_at, id) WHERE sent_at IS NULL AND abandoned_at IS NULL;
CREATE TABLE notification_reads (
  user_id BIGINT PRIMARY KEY REFERENCES users (id),
  seen_up_to BIGINT NOT NULL
);
