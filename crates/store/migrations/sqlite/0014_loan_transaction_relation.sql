-- Links between loan transactions (Fineract's m_loan_transaction_relation): a chargeback points from the
-- repayment it reverses to itself (relation_type_enum 1 = CHARGEBACK), so the charged-back total of a
-- repayment can be bounded and read back. The loan's sub-status (100 = foreclosed) is kept on m_loan.
CREATE TABLE m_loan_transaction_relation (
    id INTEGER PRIMARY KEY,
    from_loan_transaction_id INTEGER NOT NULL REFERENCES m_loan_transaction(id) ON DELETE CASCADE,
    to_loan_transaction_id INTEGER REFERENCES m_loan_transaction(id) ON DELETE CASCADE,
    to_loan_charge_id INTEGER,
    relation_type_enum INTEGER NOT NULL
);
CREATE INDEX m_loan_transaction_relation_from ON m_loan_transaction_relation(from_loan_transaction_id);
ALTER TABLE m_loan ADD COLUMN loan_sub_status_id INTEGER;
