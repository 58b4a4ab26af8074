-- Organisation data the rest of the system refers to: staff (loan officers and other employees) and payment
-- types, and two ISO 4217 corrections to the currency list seeded in 0002. Names follow Fineract's tables.

-- Fineract keeps display_name ("lastname, firstname"), mobile_no and external_id unique; so does Kassa.
CREATE TABLE m_staff (
    id               INTEGER PRIMARY KEY,
    office_id        INTEGER NOT NULL REFERENCES m_office(id),
    firstname        TEXT NOT NULL,
    lastname         TEXT NOT NULL,
    display_name     TEXT NOT NULL,
    mobile_no        TEXT,
    external_id      TEXT,
    is_loan_officer  BOOLEAN NOT NULL DEFAULT 0,
    is_active        BOOLEAN NOT NULL DEFAULT 1,
    joining_date     TEXT NOT NULL,
    CONSTRAINT uq_m_staff_display_name UNIQUE (display_name),
    CONSTRAINT uq_m_staff_mobile_no UNIQUE (mobile_no),
    CONSTRAINT uq_m_staff_external_id UNIQUE (external_id)
);
CREATE INDEX ix_m_staff_office ON m_staff (office_id);

-- `value` is the payment type's name, as in Fineract.
CREATE TABLE m_payment_type (
    id                 INTEGER PRIMARY KEY,
    value              TEXT NOT NULL,
    description        TEXT,
    is_cash_payment    BOOLEAN NOT NULL DEFAULT 0,
    order_position     INTEGER NOT NULL DEFAULT 0,
    code_name          TEXT,
    is_system_defined  BOOLEAN NOT NULL DEFAULT 0
);

-- A fresh Fineract tenant's payment types: Money Transfer (0002_initial_data) and the two system-defined
-- repayment-adjustment types (0052_loan_transaction_chargeback).
INSERT INTO m_payment_type (id, value, description, is_cash_payment, order_position, code_name, is_system_defined) VALUES
    (1, 'Money Transfer', 'Money Transfer', 0, 1, NULL, 0),
    (2, 'Repayment Adjustment Chargeback', 'Repayment Adjustment Chargeback', 0, 1, 'REPAYMENT_ADJUSTMENT_CHARGEBACK', 1),
    (3, 'Repayment Adjustment Refund', 'Repayment Adjustment Refund', 0, 1, 'REPAYMENT_ADJUSTMENT_REFUND', 1);

-- ISO 4217 gives the Ugandan shilling and the Vietnamese dong no minor unit; Fineract's list says 2.
UPDATE m_currency SET decimal_places = 0 WHERE code IN ('UGX', 'VND');
UPDATE m_organisation_currency SET decimal_places = 0 WHERE code IN ('UGX', 'VND');
