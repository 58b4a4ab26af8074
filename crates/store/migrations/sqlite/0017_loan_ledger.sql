-- The loan's derived state, stored when it changes so that reads assemble a loan from rows instead of
-- replaying its history (issue 13). m_loan_ledger_installment holds each installment as the ledger left it
-- (due, paid, waived and written off per component, Fineract's *_derived columns, the "N+1" installments
-- a credit balance refund opens); m_loan_ledger the loan-wide figures. Transactions keep their splits in
-- m_loan_transaction (`unapplied_derived` is new here).
--
-- The triggers below make the stored state safe by construction: any change to what the ledger is computed
-- from (the schedule, the live transactions, the charges and which transaction paid which charge, the
-- loan's principal, currency and strategy) marks it not current, in the same transaction. A read finds it
-- current or replays; a write that replays stores it current again. So a code path that forgets to refresh
-- the state costs speed, never correctness.
CREATE TABLE m_loan_ledger (
    loan_id INTEGER PRIMARY KEY REFERENCES m_loan(id) ON DELETE CASCADE,
    is_current BOOLEAN NOT NULL,
    principal_disbursed_derived INTEGER NOT NULL,
    credit_balance_derived INTEGER NOT NULL,
    fully_paid BOOLEAN NOT NULL,
    fully_paid_on_date TEXT,
    last_transaction_date TEXT
);

CREATE TABLE m_loan_ledger_installment (
    loan_id INTEGER NOT NULL REFERENCES m_loan(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    installment INTEGER NOT NULL,
    fromdate TEXT NOT NULL,
    duedate TEXT NOT NULL,
    is_down_payment BOOLEAN NOT NULL,
    is_additional BOOLEAN NOT NULL,
    principal_amount INTEGER NOT NULL,
    interest_amount INTEGER NOT NULL,
    fee_charges_amount INTEGER NOT NULL,
    penalty_charges_amount INTEGER NOT NULL,
    principal_completed_derived INTEGER NOT NULL,
    interest_completed_derived INTEGER NOT NULL,
    fee_charges_completed_derived INTEGER NOT NULL,
    penalty_charges_completed_derived INTEGER NOT NULL,
    principal_waived_derived INTEGER NOT NULL,
    interest_waived_derived INTEGER NOT NULL,
    fee_charges_waived_derived INTEGER NOT NULL,
    penalty_charges_waived_derived INTEGER NOT NULL,
    principal_writtenoff_derived INTEGER NOT NULL,
    interest_writtenoff_derived INTEGER NOT NULL,
    fee_charges_writtenoff_derived INTEGER NOT NULL,
    penalty_charges_writtenoff_derived INTEGER NOT NULL,
    total_paid_in_advance_derived INTEGER NOT NULL,
    total_paid_late_derived INTEGER NOT NULL,
    credits_amount INTEGER NOT NULL,
    obligations_met_on_date TEXT,
    completed_derived BOOLEAN NOT NULL,
    PRIMARY KEY (loan_id, position)
);

ALTER TABLE m_loan_transaction ADD COLUMN unapplied_derived INTEGER NOT NULL DEFAULT 0;

CREATE TRIGGER m_loan_ledger_stale_schedule_insert AFTER INSERT ON m_loan_repayment_schedule
BEGIN
    UPDATE m_loan_ledger SET is_current = FALSE WHERE loan_id = NEW.loan_id;
END;
CREATE TRIGGER m_loan_ledger_stale_schedule_update AFTER UPDATE ON m_loan_repayment_schedule
WHEN OLD.installment IS NOT NEW.installment OR OLD.fromdate IS NOT NEW.fromdate OR OLD.duedate IS NOT NEW.duedate OR OLD.principal_amount IS NOT NEW.principal_amount OR OLD.interest_amount IS NOT NEW.interest_amount OR OLD.fee_charges_amount IS NOT NEW.fee_charges_amount OR OLD.penalty_charges_amount IS NOT NEW.penalty_charges_amount OR OLD.is_down_payment IS NOT NEW.is_down_payment OR OLD.loan_id IS NOT NEW.loan_id
BEGIN
    UPDATE m_loan_ledger SET is_current = FALSE WHERE loan_id = NEW.loan_id;
END;
CREATE TRIGGER m_loan_ledger_stale_schedule_update_old AFTER UPDATE OF loan_id ON m_loan_repayment_schedule
WHEN OLD.loan_id IS NOT NEW.loan_id
BEGIN
    UPDATE m_loan_ledger SET is_current = FALSE WHERE loan_id = OLD.loan_id;
END;
CREATE TRIGGER m_loan_ledger_stale_schedule_delete AFTER DELETE ON m_loan_repayment_schedule
BEGIN
    UPDATE m_loan_ledger SET is_current = FALSE WHERE loan_id = OLD.loan_id;
END;
CREATE TRIGGER m_loan_ledger_stale_transaction_insert AFTER INSERT ON m_loan_transaction
BEGIN
    UPDATE m_loan_ledger SET is_current = FALSE WHERE loan_id = NEW.loan_id;
END;
CREATE TRIGGER m_loan_ledger_stale_transaction_update AFTER UPDATE ON m_loan_transaction
WHEN OLD.transaction_type_enum IS NOT NEW.transaction_type_enum OR OLD.transaction_date IS NOT NEW.transaction_date OR OLD.amount IS NOT NEW.amount OR OLD.is_reversed IS NOT NEW.is_reversed OR OLD.loan_id IS NOT NEW.loan_id
BEGIN
    UPDATE m_loan_ledger SET is_current = FALSE WHERE loan_id = NEW.loan_id;
END;
CREATE TRIGGER m_loan_ledger_stale_transaction_update_old AFTER UPDATE OF loan_id ON m_loan_transaction
WHEN OLD.loan_id IS NOT NEW.loan_id
BEGIN
    UPDATE m_loan_ledger SET is_current = FALSE WHERE loan_id = OLD.loan_id;
END;
CREATE TRIGGER m_loan_ledger_stale_transaction_delete AFTER DELETE ON m_loan_transaction
BEGIN
    UPDATE m_loan_ledger SET is_current = FALSE WHERE loan_id = OLD.loan_id;
END;
CREATE TRIGGER m_loan_ledger_stale_charge_insert AFTER INSERT ON m_loan_charge
BEGIN
    UPDATE m_loan_ledger SET is_current = FALSE WHERE loan_id = NEW.loan_id;
END;
CREATE TRIGGER m_loan_ledger_stale_charge_update AFTER UPDATE ON m_loan_charge
WHEN OLD.is_penalty IS NOT NEW.is_penalty OR OLD.charge_time_enum IS NOT NEW.charge_time_enum OR OLD.due_for_collection_as_of_date IS NOT NEW.due_for_collection_as_of_date OR OLD.charge_calculation_enum IS NOT NEW.charge_calculation_enum OR OLD.charge_payment_mode_enum IS NOT NEW.charge_payment_mode_enum OR OLD.calculation_percentage IS NOT NEW.calculation_percentage OR OLD.calculation_on_amount IS NOT NEW.calculation_on_amount OR OLD.charge_amount_or_percentage IS NOT NEW.charge_amount_or_percentage OR OLD.amount IS NOT NEW.amount OR OLD.min_cap IS NOT NEW.min_cap OR OLD.max_cap IS NOT NEW.max_cap OR OLD.is_active IS NOT NEW.is_active OR OLD.loan_id IS NOT NEW.loan_id
BEGIN
    UPDATE m_loan_ledger SET is_current = FALSE WHERE loan_id = NEW.loan_id;
END;
CREATE TRIGGER m_loan_ledger_stale_charge_update_old AFTER UPDATE OF loan_id ON m_loan_charge
WHEN OLD.loan_id IS NOT NEW.loan_id
BEGIN
    UPDATE m_loan_ledger SET is_current = FALSE WHERE loan_id = OLD.loan_id;
END;
CREATE TRIGGER m_loan_ledger_stale_charge_delete AFTER DELETE ON m_loan_charge
BEGIN
    UPDATE m_loan_ledger SET is_current = FALSE WHERE loan_id = OLD.loan_id;
END;
CREATE TRIGGER m_loan_ledger_stale_paid_by_insert AFTER INSERT ON m_loan_charge_paid_by
BEGIN
    UPDATE m_loan_ledger SET is_current = FALSE WHERE loan_id = (SELECT loan_id FROM m_loan_charge WHERE id = NEW.loan_charge_id);
END;
CREATE TRIGGER m_loan_ledger_stale_paid_by_update AFTER UPDATE ON m_loan_charge_paid_by
WHEN OLD.loan_transaction_id IS NOT NEW.loan_transaction_id OR OLD.loan_charge_id IS NOT NEW.loan_charge_id OR OLD.amount IS NOT NEW.amount OR OLD.installment_number IS NOT NEW.installment_number
BEGIN
    UPDATE m_loan_ledger SET is_current = FALSE WHERE loan_id = (SELECT loan_id FROM m_loan_charge WHERE id = NEW.loan_charge_id);
END;
CREATE TRIGGER m_loan_ledger_stale_paid_by_delete AFTER DELETE ON m_loan_charge_paid_by
BEGIN
    UPDATE m_loan_ledger SET is_current = FALSE WHERE loan_id = (SELECT loan_id FROM m_loan_charge WHERE id = OLD.loan_charge_id);
END;
CREATE TRIGGER m_loan_ledger_stale_loan AFTER UPDATE ON m_loan
WHEN OLD.principal_amount IS NOT NEW.principal_amount OR OLD.currency_digits IS NOT NEW.currency_digits OR OLD.loan_transaction_strategy_code IS NOT NEW.loan_transaction_strategy_code
BEGIN
    UPDATE m_loan_ledger SET is_current = FALSE WHERE loan_id = NEW.id;
END;
