-- Indexes for the invoice lists' searches and sorts (store/invoice_repository.h, InvoiceQuery):
-- each list is one supplier's or one recipient's invoices, filtered or sorted by deposit date,
-- issue date or status. 0002 already covers (supplier_id, deposited_at), (recipient_id, status)
-- and (supplier_id, invoice_number). Number, counterpart and amount searches read the one
-- structure's rows these indexes find: a contains-search cannot use a B-tree anyway.
CREATE INDEX invoices_recipient_deposited_idx ON invoices (recipient_id, deposited_at);
CREATE INDEX invoices_supplier_issue_idx ON invoices (supplier_id, issue_date);
CREATE INDEX invoices_recipient_issue_idx ON invoices (recipient_id, issue_date);
CREATE INDEX invoices_supplier_status_idx ON invoices (supplier_id, status);
