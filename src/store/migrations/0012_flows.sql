-- Structured flow deposit (store/flow_repository.h): a flow is one file deposited by API or on
-- the portal (flux), holding one or more invoices; each invoice's outcome is recorded on its own
-- so that processing resumes after a crash where it stopped. Jobs (store/job_queue.h): work for
-- the background runners, leased so that several `choral serve` never run one job at once.
CREATE TABLE flows (
  id {{id_column}},
  number TEXT UNIQUE,
  structure_id BIGINT NOT NULL REFERENCES structures (id),
  user_id BIGINT REFERENCES users (id),
  api_client TEXT NOT NULL,
  syntax_code TEXT NOT NULL,
  file_name TEXT NOT NULL,
  file_sha256 TEXT NOT NULL,
  file_size BIGINT NOT NULL,
  state TEXT NOT NULL,
  deposited_at BIGINT NOT NULL,
  state_changed_at BIGINT NOT NULL,
  invoice_count INTEGER NOT NULL DEFAULT 0,
  error TEXT NOT NULL DEFAULT '',
  report TEXT NOT NULL DEFAULT ''
);
CREATE INDEX flows_structure_idx ON flows (structure_id, id);

CREATE TABLE flow_invoices (
  flow_id BIGINT NOT NULL REFERENCES flows (id),
  entry_index INTEGER NOT NULL,
  entry_name TEXT NOT NULL,
  invoice_number TEXT NOT NULL,
  invoice_id BIGINT REFERENCES invoices (id),
  findings TEXT NOT NULL,
  processed_at BIGINT NOT NULL,
  PRIMARY KEY (flow_id, entry_index)
);

CREATE TABLE jobs (
  id {{id_column}},
  kind TEXT NOT NULL,
  payload TEXT NOT NULL,
  state TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  lease_until BIGINT NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  finished_at BIGINT
);
CREATE INDEX jobs_due_idx ON jobs (kind, lease_until, id) WHERE state = 'pending';
