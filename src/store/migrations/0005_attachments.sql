-- Attachments (pièces jointes) of invoices (store/attachment_repository.h): the bytes live in the
-- BlobStore under their SHA-256; a row says which invoice, what the file was called, its media
-- type as checked from its content, and who added it from which side.
CREATE TABLE invoice_attachments (
  id {{id_column}},
  invoice_id BIGINT NOT NULL REFERENCES invoices (id),
  file_name TEXT NOT NULL,
  media_type TEXT NOT NULL,
  size BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  added_at BIGINT NOT NULL,
  added_by BIGINT NOT NULL REFERENCES users (id),
  side TEXT NOT NULL
);
CREATE INDEX invoice_attachments_invoice_idx ON invoice_attachments (invoice_id, id);
