-- What happens to a loan after it is applied for: the lifecycle dates and who acted (Fineract's m_loan
-- columns), the loan officer, the application as submitted (so approval and disbursal can regenerate the
-- schedule from the same terms), and the loan's transactions (m_loan_transaction) with their portions as
-- last allocated. Payment details are kept on the transaction row rather than in m_payment_detail.
ALTER TABLE m_loan ADD COLUMN application_json TEXT;
ALTER TABLE m_loan ADD COLUMN loan_officer_id INTEGER REFERENCES m_staff(id);
ALTER TABLE m_loan ADD COLUMN approvedon_date TEXT;
ALTER TABLE m_loan ADD COLUMN approvedon_userid INTEGER REFERENCES m_appuser(id);
ALTER TABLE m_loan ADD COLUMN rejectedon_date TEXT;
ALTER TABLE m_loan ADD COLUMN rejectedon_userid INTEGER REFERENCES m_appuser(id);
ALTER TABLE m_loan ADD COLUMN withdrawnon_date TEXT;
ALTER TABLE m_loan ADD COLUMN withdrawnon_userid INTEGER REFERENCES m_appuser(id);
ALTER TABLE m_loan ADD COLUMN disbursedon_date TEXT;
ALTER TABLE m_loan ADD COLUMN disbursedon_userid INTEGER REFERENCES m_appuser(id);
ALTER TABLE m_loan ADD COLUMN closedon_date TEXT;
ALTER TABLE m_loan ADD COLUMN closedon_userid INTEGER REFERENCES m_appuser(id);
ALTER TABLE m_loan ADD COLUMN writtenoffon_date TEXT;

CREATE TABLE m_loan_transaction (
    id INTEGER PRIMARY KEY,
    loan_id INTEGER NOT NULL REFERENCES m_loan(id) ON DELETE CASCADE,
    office_id INTEGER NOT NULL REFERENCES m_office(id),
    transaction_type_enum INTEGER NOT NULL,
    transaction_date TEXT NOT NULL,
    amount INTEGER NOT NULL,
    principal_portion_derived INTEGER NOT NULL DEFAULT 0,
    interest_portion_derived INTEGER NOT NULL DEFAULT 0,
    fee_charges_portion_derived INTEGER NOT NULL DEFAULT 0,
    penalty_charges_portion_derived INTEGER NOT NULL DEFAULT 0,
    overpayment_portion_derived INTEGER NOT NULL DEFAULT 0,
    outstanding_loan_balance_derived INTEGER NOT NULL DEFAULT 0,
    is_reversed BOOLEAN NOT NULL DEFAULT FALSE,
    reversed_on_date TEXT,
    external_id TEXT UNIQUE,
    payment_type_id INTEGER REFERENCES m_payment_type(id),
    account_number TEXT,
    check_number TEXT,
    routing_code TEXT,
    receipt_number TEXT,
    bank_number TEXT,
    note TEXT,
    submitted_on_date TEXT NOT NULL,
    created_by INTEGER REFERENCES m_appuser(id)
);
CREATE INDEX m_loan_transaction_loan ON m_loan_transaction(loan_id, transaction_date);
