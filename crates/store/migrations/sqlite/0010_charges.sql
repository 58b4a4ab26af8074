-- Charge definitions (Fineract's m_charge) and the loan products' charges (m_product_loan_charge). Money is
-- integer micro-units on SQLite (store::money::DbAmount). Enums keep Fineract's ids. Deletion is soft, as in
-- Fineract: the row stays with is_deleted set and its name prefixed with its id, so the name is free again.
CREATE TABLE m_charge (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    currency_code TEXT NOT NULL,
    amount INTEGER NOT NULL,
    charge_applies_to_enum INTEGER NOT NULL,
    charge_time_enum INTEGER NOT NULL,
    charge_calculation_enum INTEGER NOT NULL,
    charge_payment_mode_enum INTEGER,
    is_penalty BOOLEAN NOT NULL DEFAULT 0,
    is_active BOOLEAN NOT NULL DEFAULT 0,
    is_deleted BOOLEAN NOT NULL DEFAULT 0,
    fee_on_month INTEGER,
    fee_on_day INTEGER,
    fee_interval INTEGER,
    fee_frequency INTEGER,
    min_cap INTEGER,
    max_cap INTEGER,
    is_free_withdrawal BOOLEAN NOT NULL DEFAULT 0,
    free_withdrawal_charge_frequency INTEGER,
    restart_frequency INTEGER,
    restart_frequency_enum INTEGER,
    is_payment_type BOOLEAN NOT NULL DEFAULT 0,
    payment_type_id INTEGER,
    CONSTRAINT uq_m_charge_name UNIQUE (name)
);

CREATE TABLE m_product_loan_charge (
    product_loan_id INTEGER NOT NULL REFERENCES m_product_loan (id),
    charge_id INTEGER NOT NULL REFERENCES m_charge (id),
    PRIMARY KEY (product_loan_id, charge_id)
);
CREATE INDEX ix_m_product_loan_charge_charge ON m_product_loan_charge (charge_id);
