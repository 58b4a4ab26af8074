-- Charges applied to a loan (Fineract's m_loan_charge) and which transaction paid or waived which charge
-- (m_loan_charge_paid_by). Money is integer micro-units on SQLite. Fineract's *_derived columns (amount
-- paid, waived, outstanding) are left out on purpose: they follow from replaying the loan's transactions,
-- so reads derive them from the ledger instead of trusting a stored copy.
CREATE TABLE m_loan_charge (
    id INTEGER PRIMARY KEY,
    loan_id INTEGER NOT NULL REFERENCES m_loan(id) ON DELETE CASCADE,
    charge_id INTEGER NOT NULL REFERENCES m_charge(id),
    is_penalty BOOLEAN NOT NULL DEFAULT FALSE,
    charge_time_enum INTEGER NOT NULL,
    due_for_collection_as_of_date TEXT,
    charge_calculation_enum INTEGER NOT NULL,
    charge_payment_mode_enum INTEGER NOT NULL DEFAULT 0,
    calculation_percentage INTEGER,
    calculation_on_amount INTEGER,
    charge_amount_or_percentage INTEGER NOT NULL,
    amount INTEGER NOT NULL,
    min_cap INTEGER,
    max_cap INTEGER,
    is_active BOOLEAN NOT NULL DEFAULT TRUE,
    external_id TEXT UNIQUE,
    submitted_on_date TEXT NOT NULL,
    created_by INTEGER REFERENCES m_appuser(id)
);
CREATE INDEX m_loan_charge_loan ON m_loan_charge(loan_id);

CREATE TABLE m_loan_charge_paid_by (
    id INTEGER PRIMARY KEY,
    loan_transaction_id INTEGER NOT NULL REFERENCES m_loan_transaction(id) ON DELETE CASCADE,
    loan_charge_id INTEGER NOT NULL REFERENCES m_loan_charge(id) ON DELETE CASCADE,
    amount INTEGER NOT NULL,
    installment_number INTEGER
);
CREATE INDEX m_loan_charge_paid_by_charge ON m_loan_charge_paid_by(loan_charge_id);
