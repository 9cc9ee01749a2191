-- E-mails to send (store/outbox.h): written with the change they announce, sent by a job.
CREATE TABLE outbox (
  id {{id_column}},
  recipient TEXT NOT NULL,
  template_key TEXT NOT NULL,
  params TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  sent_at BIGINT,
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX outbox_pending_idx ON outbox (sent_at, id);
CREATE INDEX outbox_recipient_idx ON outbox (recipient, id);
