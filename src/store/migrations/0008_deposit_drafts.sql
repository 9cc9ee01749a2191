-- PDFs a supplier uploaded and has not deposited yet (store/deposit_draft_repository.h): the
-- bytes wait in the BlobStore under their SHA-256, so the form, the page preview and the batch
-- table name a draft instead of carrying the file back and forth, and only its uploader may use it.
CREATE TABLE deposit_drafts (
  id {{id_column}},
  user_id BIGINT NOT NULL REFERENCES users (id),
  supplier_id BIGINT NOT NULL REFERENCES structures (id),
  pdf_sha256 TEXT NOT NULL,
  file_name TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX deposit_drafts_user_idx ON deposit_drafts (user_id, id);
CREATE INDEX deposit_drafts_created_idx ON deposit_drafts (created_at);
