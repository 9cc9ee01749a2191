-- Single-use links sent by e-mail (store/account_token_repository.h): account activation and
-- password reset. Only the SHA-256 of a token is kept; the sign-up's structure request waits in
-- `payload` (JSON) until the activation link is followed.
CREATE TABLE account_tokens (
  token_hash TEXT NOT NULL PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users (id),
  purpose TEXT NOT NULL,
  payload TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  used_at BIGINT
);
CREATE INDEX account_tokens_user_idx ON account_tokens (user_id, purpose);
