-- The tranches of a multi-disbursement loan (Fineract's m_loan_disbursement_detail): expected date and
-- principal from the application or the approval, the actual date once disbursed. An undone last
-- disbursal marks its tranche reversed, as Fineract does; reads skip reversed rows. Money is integer
-- micro-units on SQLite.
CREATE TABLE m_loan_disbursement_detail (
    id INTEGER PRIMARY KEY,
    loan_id INTEGER NOT NULL REFERENCES m_loan(id) ON DELETE CASCADE,
    expected_disburse_date TEXT NOT NULL,
    disbursedon_date TEXT,
    principal INTEGER NOT NULL,
    net_disbursal_amount INTEGER,
    is_reversed BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX m_loan_disbursement_detail_loan ON m_loan_disbursement_detail(loan_id);
