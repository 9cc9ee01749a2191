-- Choral's first schema: directory, accounts, sessions, the audit chain and blobs.
-- Conventions (both dialects): timestamps are BIGINT milliseconds since the Unix epoch, booleans
-- INTEGER 0/1, dates ISO 'YYYY-MM-DD' TEXT, enums their Chorus Pro code as TEXT.
-- Substitutions (see migrations.cc): {{id_column}} is an auto-increment BIGINT primary key,
-- {{bytes}} a binary column (BLOB / BYTEA). Every statement ends with ';' at the end of a line.

CREATE TABLE structures (
  id {{id_column}},
  identifier_type TEXT NOT NULL,
  identifier TEXT NOT NULL,
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  vat_number TEXT NOT NULL,
  address TEXT NOT NULL,
  service_code_required INTEGER NOT NULL,
  engagement_number_required INTEGER NOT NULL,
  service_code_or_engagement_required INTEGER NOT NULL,
  payment_status_not_reported INTEGER NOT NULL,
  active INTEGER NOT NULL,
  CONSTRAINT structures_identifier_key UNIQUE (identifier_type, identifier)
);
CREATE INDEX structures_kind_idx ON structures (kind, id);

CREATE TABLE services (
  id {{id_column}},
  structure_id BIGINT NOT NULL REFERENCES structures (id),
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  active INTEGER NOT NULL,
  valid_from TEXT,
  valid_to TEXT,
  engagement_number_required INTEGER NOT NULL,
  payment_status_reported INTEGER NOT NULL,
  CONSTRAINT services_code_key UNIQUE (structure_id, code)
);

CREATE TABLE users (
  id {{id_column}},
  email TEXT NOT NULL,
  first_name TEXT NOT NULL,
  last_name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  active INTEGER NOT NULL,
  platform_admin INTEGER NOT NULL,
  created_at BIGINT NOT NULL,
  CONSTRAINT users_email_key UNIQUE (email)
);

CREATE TABLE memberships (
  id {{id_column}},
  user_id BIGINT NOT NULL REFERENCES users (id),
  structure_id BIGINT NOT NULL REFERENCES structures (id),
  role TEXT NOT NULL,
  status TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  CONSTRAINT memberships_user_structure_key UNIQUE (user_id, structure_id)
);
CREATE INDEX memberships_structure_idx ON memberships (structure_id, id);

CREATE TABLE sessions (
  token_hash TEXT NOT NULL PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users (id),
  csrf_token TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_expires_idx ON sessions (expires_at);
CREATE INDEX sessions_user_idx ON sessions (user_id);

-- The audit chain (audit_log.h). audit_head holds the last link, so that removing events from
-- the end of the chain is detected too, and so PostgreSQL writers serialise on its one row.
CREATE TABLE audit_events (
  sequence BIGINT NOT NULL PRIMARY KEY,
  at BIGINT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  subject TEXT NOT NULL,
  details TEXT NOT NULL,
  previous_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE TABLE audit_head (
  id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
  last_sequence BIGINT NOT NULL,
  last_hash TEXT NOT NULL
);
INSERT INTO audit_head (id, last_sequence, last_hash)
  VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Blob bytes in PostgreSQL mode; SQLite mode keeps them as files and leaves this table empty.
CREATE TABLE blobs (
  sha256 TEXT NOT NULL PRIMARY KEY,
  bytes {{bytes}} NOT NULL
);
