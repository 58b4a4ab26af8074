-- Journal entries, in Fineract's acc_gl_journal_entry columns. Entries are only ever appended: a reversal is
-- a new row on the opposite side (Fineract's way for system entries; manual reversals also set `reversed` and
-- `reversal_id` on the originals). Balances are sums over the rows, never a stored running figure that every
-- posting would have to lock. Amounts are positive; type_enum says the side (1 credit, 2 debit).
CREATE TABLE acc_gl_journal_entry (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES acc_gl_account (id),
    office_id INTEGER NOT NULL REFERENCES m_office (id),
    reversal_id INTEGER REFERENCES acc_gl_journal_entry (id),
    currency_code TEXT NOT NULL,
    transaction_id TEXT NOT NULL,
    loan_transaction_id INTEGER REFERENCES m_loan_transaction (id),
    reversed BOOLEAN NOT NULL DEFAULT 0,
    ref_num TEXT,
    manual_entry BOOLEAN NOT NULL DEFAULT 0,
    entry_date TEXT NOT NULL,
    type_enum INTEGER NOT NULL CHECK (type_enum IN (1, 2)),
    amount INTEGER NOT NULL CHECK (amount >= 0),
    description TEXT,
    entity_type_enum INTEGER,
    entity_id INTEGER,
    created_by INTEGER REFERENCES m_appuser (id),
    submitted_on_date TEXT NOT NULL,
    created_on_utc TEXT NOT NULL,
    payment_type_id INTEGER REFERENCES m_payment_type (id),
    account_number TEXT,
    check_number TEXT,
    routing_code TEXT,
    receipt_number TEXT,
    bank_number TEXT
);
CREATE INDEX acc_gl_journal_entry_transaction ON acc_gl_journal_entry (transaction_id);
CREATE INDEX acc_gl_journal_entry_account_date ON acc_gl_journal_entry (account_id, entry_date);
CREATE INDEX acc_gl_journal_entry_office_date ON acc_gl_journal_entry (office_id, entry_date);
CREATE INDEX acc_gl_journal_entry_entity ON acc_gl_journal_entry (entity_type_enum, entity_id);
CREATE INDEX acc_gl_journal_entry_loan_transaction ON acc_gl_journal_entry (loan_transaction_id);
