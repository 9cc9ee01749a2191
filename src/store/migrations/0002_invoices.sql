-- Deposited invoices and their history (store/invoice_repository.h).
-- Conventions as in 0001_initial.sql: timestamps BIGINT milliseconds since the Unix epoch, dates
-- ISO 'YYYY-MM-DD' TEXT (so text order is date order), enums their Chorus Pro code as TEXT.
-- Amounts are exact decimal strings in machine form ('1234.56', '-0.10'), never REAL: a float
-- would round cents. Searches that order by amount cast them to NUMERIC.

CREATE TABLE invoices (
  id {{id_column}},
  supplier_id BIGINT NOT NULL REFERENCES structures (id),
  recipient_id BIGINT NOT NULL REFERENCES structures (id),
  service_code TEXT NOT NULL,
  engagement_number TEXT NOT NULL,
  invoice_number TEXT NOT NULL,
  issue_date TEXT NOT NULL,
  document_type TEXT NOT NULL,
  framework TEXT NOT NULL,
  currency TEXT NOT NULL,
  total_without_vat TEXT NOT NULL,
  total_vat TEXT NOT NULL,
  total_with_vat TEXT NOT NULL,
  amount_due TEXT NOT NULL,
  pdf_sha256 TEXT NOT NULL,
  status TEXT NOT NULL,
  deposited_at BIGINT NOT NULL,
  deposited_by BIGINT NOT NULL REFERENCES users (id),
  version BIGINT NOT NULL,
  CONSTRAINT invoices_supplier_number_key UNIQUE (supplier_id, invoice_number)
);
CREATE INDEX invoices_supplier_deposited_idx ON invoices (supplier_id, deposited_at);
CREATE INDEX invoices_recipient_status_idx ON invoices (recipient_id, status);

-- One row per status change or plain action; status is NULL for an action that changes none.
CREATE TABLE invoice_history (
  id {{id_column}},
  invoice_id BIGINT NOT NULL REFERENCES invoices (id),
  status TEXT,
  action TEXT NOT NULL,
  actor TEXT NOT NULL,
  at BIGINT NOT NULL,
  comment TEXT NOT NULL
);
CREATE INDEX invoice_history_invoice_idx ON invoice_history (invoice_id, at);
