-- Loan accounts (Fineract's m_loan) with the terms as submitted, and their repayment schedule
-- (m_loan_repayment_schedule). Money and rates are NUMERIC(19,6) on PostgreSQL and integer micro-units on
-- SQLite (store::money::DbAmount). Enums keep Fineract's ids. Account numbers and external ids are unique.
-- `loan_term_in_days` keeps the schedule's figure as generated (Kassa's addition).
CREATE TABLE m_loan (
    id INTEGER PRIMARY KEY,
    account_no TEXT NOT NULL UNIQUE,
    external_id TEXT UNIQUE,
    client_id INTEGER NOT NULL REFERENCES m_client(id),
    product_id INTEGER NOT NULL REFERENCES m_product_loan(id),
    loan_status_id INTEGER NOT NULL,
    loan_type_enum INTEGER NOT NULL,
    currency_code TEXT NOT NULL,
    currency_digits INTEGER NOT NULL,
    currency_multiplesof INTEGER NOT NULL,
    principal_amount_proposed INTEGER NOT NULL,
    principal_amount INTEGER NOT NULL,
    approved_principal INTEGER NOT NULL,
    term_frequency INTEGER NOT NULL,
    term_period_frequency_enum INTEGER NOT NULL,
    number_of_repayments INTEGER NOT NULL,
    repay_every INTEGER NOT NULL,
    repayment_period_frequency_enum INTEGER NOT NULL,
    nominal_interest_rate_per_period INTEGER NOT NULL,
    interest_period_frequency_enum INTEGER NOT NULL,
    annual_nominal_interest_rate INTEGER NOT NULL,
    amortization_method_enum INTEGER NOT NULL,
    interest_method_enum INTEGER NOT NULL,
    interest_calculated_in_period_enum INTEGER NOT NULL,
    loan_transaction_strategy_code TEXT NOT NULL,
    expected_disbursedon_date TEXT NOT NULL,
    expected_firstrepaymenton_date TEXT,
    interest_calculated_from_date TEXT,
    expected_maturedon_date TEXT,
    submittedon_date TEXT NOT NULL,
    submittedon_userid INTEGER NOT NULL REFERENCES m_appuser(id),
    loan_term_in_days INTEGER NOT NULL
);
CREATE INDEX m_loan_client ON m_loan(client_id);

CREATE TABLE m_loan_repayment_schedule (
    id INTEGER PRIMARY KEY,
    loan_id INTEGER NOT NULL REFERENCES m_loan(id) ON DELETE CASCADE,
    installment INTEGER NOT NULL,
    fromdate TEXT NOT NULL,
    duedate TEXT NOT NULL,
    principal_amount INTEGER NOT NULL,
    interest_amount INTEGER NOT NULL,
    fee_charges_amount INTEGER NOT NULL,
    penalty_charges_amount INTEGER NOT NULL,
    is_down_payment BOOLEAN NOT NULL,
    UNIQUE (loan_id, installment)
);
