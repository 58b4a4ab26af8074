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
    loan_id BIGINT PRIMARY KEY REFERENCES m_loan(id) ON DELETE CASCADE,
    is_current BOOLEAN NOT NULL,
    principal_disbursed_derived NUMERIC(19,6) NOT NULL,
    credit_balance_derived NUMERIC(19,6) NOT NULL,
    fully_paid BOOLEAN NOT NULL,
    fully_paid_on_date DATE,
    last_transaction_date DATE
);

CREATE TABLE m_loan_ledger_installment (
    loan_id BIGINT NOT NULL REFERENCES m_loan(id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    installment BIGINT NOT NULL,
    fromdate DATE NOT NULL,
    duedate DATE NOT NULL,
    is_down_payment BOOLEAN NOT NULL,
    is_additional BOOLEAN NOT NULL,
    principal_amount NUMERIC(19,6) NOT NULL,
    interest_amount NUMERIC(19,6) NOT NULL,
    fee_charges_amount NUMERIC(19,6) NOT NULL,
    penalty_charges_amount NUMERIC(19,6) NOT NULL,
    principal_completed_derived NUMERIC(19,6) NOT NULL,
    interest_completed_derived NUMERIC(19,6) NOT NULL,
    fee_charges_completed_derived NUMERIC(19,6) NOT NULL,
    penalty_charges_completed_derived NUMERIC(19,6) NOT NULL,
    principal_waived_derived NUMERIC(19,6) NOT NULL,
    interest_waived_derived NUMERIC(19,6) NOT NULL,
    fee_charges_waived_derived NUMERIC(19,6) NOT NULL,
    penalty_charges_waived_derived NUMERIC(19,6) NOT NULL,
    principal_writtenoff_derived NUMERIC(19,6) NOT NULL,
    interest_writtenoff_derived NUMERIC(19,6) NOT NULL,
    fee_charges_writtenoff_derived NUMERIC(19,6) NOT NULL,
    penalty_charges_writtenoff_derived NUMERIC(19,6) NOT NULL,
    total_paid_in_advance_derived NUMERIC(19,6) NOT NULL,
    total_paid_late_derived NUMERIC(19,6) NOT NULL,
    credits_amount NUMERIC(19,6) NOT NULL,
    obligations_met_on_date DATE,
    completed_derived BOOLEAN NOT NULL,
    PRIMARY KEY (loan_id, position)
);

ALTER TABLE m_loan_transaction ADD COLUMN unapplied_derived NUMERIC(19,6) NOT NULL DEFAULT 0;

-- One function per way of finding the loan: by the row's loan_id, by m_loan's own id, through the charge.
CREATE FUNCTION m_loan_ledger_mark_stale(changed_loan_id BIGINT) RETURNS VOID LANGUAGE sql AS $$
    UPDATE m_loan_ledger SET is_current = FALSE WHERE loan_id = changed_loan_id;
$$;

CREATE FUNCTION m_loan_ledger_stale_by_loan_id() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM m_loan_ledger_mark_stale(OLD.loan_id);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM m_loan_ledger_mark_stale(NEW.loan_id);
    END IF;
    RETURN NULL;
END;
$$;

CREATE FUNCTION m_loan_ledger_stale_by_id() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM m_loan_ledger_mark_stale(NEW.id);
    RETURN NULL;
END;
$$;

CREATE FUNCTION m_loan_ledger_stale_by_charge() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM m_loan_ledger_mark_stale((SELECT loan_id FROM m_loan_charge WHERE id = OLD.loan_charge_id));
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM m_loan_ledger_mark_stale((SELECT loan_id FROM m_loan_charge WHERE id = NEW.loan_charge_id));
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER m_loan_ledger_stale_schedule_insert_delete AFTER INSERT OR DELETE ON m_loan_repayment_schedule
    FOR EACH ROW EXECUTE FUNCTION m_loan_ledger_stale_by_loan_id();
CREATE TRIGGER m_loan_ledger_stale_schedule_update AFTER UPDATE ON m_loan_repayment_schedule
    FOR EACH ROW WHEN (OLD.installment IS DISTINCT FROM NEW.installment OR OLD.fromdate IS DISTINCT FROM NEW.fromdate OR OLD.duedate IS DISTINCT FROM NEW.duedate OR OLD.principal_amount IS DISTINCT FROM NEW.principal_amount OR OLD.interest_amount IS DISTINCT FROM NEW.interest_amount OR OLD.fee_charges_amount IS DISTINCT FROM NEW.fee_charges_amount OR OLD.penalty_charges_amount IS DISTINCT FROM NEW.penalty_charges_amount OR OLD.is_down_payment IS DISTINCT FROM NEW.is_down_payment OR OLD.loan_id IS DISTINCT FROM NEW.loan_id)
    EXECUTE FUNCTION m_loan_ledger_stale_by_loan_id();
CREATE TRIGGER m_loan_ledger_stale_transaction_insert_delete AFTER INSERT OR DELETE ON m_loan_transaction
    FOR EACH ROW EXECUTE FUNCTION m_loan_ledger_stale_by_loan_id();
CREATE TRIGGER m_loan_ledger_stale_transaction_update AFTER UPDATE ON m_loan_transaction
    FOR EACH ROW WHEN (OLD.transaction_type_enum IS DISTINCT FROM NEW.transaction_type_enum OR OLD.transaction_date IS DISTINCT FROM NEW.transaction_date OR OLD.amount IS DISTINCT FROM NEW.amount OR OLD.is_reversed IS DISTINCT FROM NEW.is_reversed OR OLD.loan_id IS DISTINCT FROM NEW.loan_id)
    EXECUTE FUNCTION m_loan_ledger_stale_by_loan_id();
CREATE TRIGGER m_loan_ledger_stale_charge_insert_delete AFTER INSERT OR DELETE ON m_loan_charge
    FOR EACH ROW EXECUTE FUNCTION m_loan_ledger_stale_by_loan_id();
CREATE TRIGGER m_loan_ledger_stale_charge_update AFTER UPDATE ON m_loan_charge
    FOR EACH ROW WHEN (OLD.is_penalty IS DISTINCT FROM NEW.is_penalty OR OLD.charge_time_enum IS DISTINCT FROM NEW.charge_time_enum OR OLD.due_for_collection_as_of_date IS DISTINCT FROM NEW.due_for_collection_as_of_date OR OLD.charge_calculation_enum IS DISTINCT FROM NEW.charge_calculation_enum OR OLD.charge_payment_mode_enum IS DISTINCT FROM NEW.charge_payment_mode_enum OR OLD.calculation_percentage IS DISTINCT FROM NEW.calculation_percentage OR OLD.calculation_on_amount IS DISTINCT FROM NEW.calculation_on_amount OR OLD.charge_amount_or_percentage IS DISTINCT FROM NEW.charge_amount_or_percentage OR OLD.amount IS DISTINCT FROM NEW.amount OR OLD.min_cap IS DISTINCT FROM NEW.min_cap OR OLD.max_cap IS DISTINCT FROM NEW.max_cap OR OLD.is_active IS DISTINCT FROM NEW.is_active OR OLD.loan_id IS DISTINCT FROM NEW.loan_id)
    EXECUTE FUNCTION m_loan_ledger_stale_by_loan_id();
CREATE TRIGGER m_loan_ledger_stale_paid_by_insert_delete AFTER INSERT OR DELETE ON m_loan_charge_paid_by
    FOR EACH ROW EXECUTE FUNCTION m_loan_ledger_stale_by_charge();
CREATE TRIGGER m_loan_ledger_stale_paid_by_update AFTER UPDATE ON m_loan_charge_paid_by
    FOR EACH ROW WHEN (OLD.loan_transaction_id IS DISTINCT FROM NEW.loan_transaction_id OR OLD.loan_charge_id IS DISTINCT FROM NEW.loan_charge_id OR OLD.amount IS DISTINCT FROM NEW.amount OR OLD.installment_number IS DISTINCT FROM NEW.installment_number)
    EXECUTE FUNCTION m_loan_ledger_stale_by_charge();
CREATE TRIGGER m_loan_ledger_stale_loan AFTER UPDATE ON m_loan
    FOR EACH ROW WHEN (OLD.principal_amount IS DISTINCT FROM NEW.principal_amount OR OLD.currency_digits IS DISTINCT FROM NEW.currency_digits OR OLD.loan_transaction_strategy_code IS DISTINCT FROM NEW.loan_transaction_strategy_code)
    EXECUTE FUNCTION m_loan_ledger_stale_by_id();
