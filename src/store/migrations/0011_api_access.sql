-- What a structure's software signs in to the APIs with (store/api_credential_repository.h):
-- technical accounts (argon2id password hash with an expiry), OAuth2 clients (SHA-256 of a
-- 256-bit random secret) and the short-lived bearer tokens issued to them (SHA-256 only).
CREATE TABLE technical_accounts (
  id {{id_column}},
  structure_id BIGINT NOT NULL REFERENCES structures (id),
  login TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  password_expires_at BIGINT NOT NULL,
  reminder_sent_at BIGINT,
  created_at BIGINT NOT NULL,
  revoked_at BIGINT
);
CREATE INDEX technical_accounts_structure_idx ON technical_accounts (structure_id, id);
CREATE INDEX technical_accounts_expiry_idx ON technical_accounts (password_expires_at);

CREATE TABLE api_clients (
  id {{id_column}},
  structure_id BIGINT NOT NULL REFERENCES structures (id),
  client_id TEXT NOT NULL UNIQUE,
  secret_sha256 TEXT NOT NULL,
  label TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  revoked_at BIGINT
);
CREATE INDEX api_clients_structure_idx ON api_clients (structure_id, id);

CREATE TABLE access_tokens (
  token_sha256 TEXT NOT NULL PRIMARY KEY,
  client BIGINT NOT NULL REFERENCES api_clients (id),
  structure_id BIGINT NOT NULL REFERENCES structures (id),
  expires_at BIGINT NOT NULL
);
CREATE INDEX access_tokens_client_idx ON access_tokens (client);
CREATE INDEX access_tokens_expiry_idx ON access_tokens (expires_at);
