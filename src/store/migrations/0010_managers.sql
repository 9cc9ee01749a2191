-- Managers' tools (platform/attachments.h, platform/main_manager.h): the services and spaces an
-- attachment covers, each user's last login (the automatic main-manager re-assignment picks the
-- secondary manager seen last), and structures left without a main manager for platform support.
-- Side tables rather than new columns, so that the users and structures rows keep one job.

CREATE TABLE membership_services (
  membership_id BIGINT NOT NULL REFERENCES memberships (id),
  service_id BIGINT NOT NULL REFERENCES services (id),
  PRIMARY KEY (membership_id, service_id)
);

-- space: FACTURES_EMISES / FACTURES_RECUES; access: CONSULTATION_UNIQUEMENT / MODIFICATION.
CREATE TABLE membership_spaces (
  membership_id BIGINT NOT NULL REFERENCES memberships (id),
  space TEXT NOT NULL,
  access TEXT NOT NULL,
  PRIMARY KEY (membership_id, space)
);

CREATE TABLE user_logins (
  user_id BIGINT NOT NULL PRIMARY KEY REFERENCES users (id),
  last_login_at BIGINT NOT NULL
);

CREATE TABLE structure_support_flags (
  structure_id BIGINT NOT NULL PRIMARY KEY REFERENCES structures (id),
  reason TEXT NOT NULL,
  flagged_at BIGINT NOT NULL
);

-- The history of manager actions is read from the audit chain by subject ("structure:3").
CREATE INDEX audit_events_subject_idx ON audit_events (subject, sequence);
