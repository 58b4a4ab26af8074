-- Versions that let a replica keep what it read and know, in the one query a read makes anyway, whether it
-- is still what the database holds: every change to the rows a loan read shows beyond m_loan's own columns
-- (which reads take fresh) bumps m_loan.rows_version, and every change to the catalogue a read looks up
-- (products, charges, currencies, payment types, offices, the business date and configuration) bumps
-- kassa_read_version.catalogue_version, both inside the writing transaction. The epoch is drawn once per
-- database, so versions of a database made anew never match what a cache kept of the old one.
ALTER TABLE m_loan ADD COLUMN rows_version BIGINT NOT NULL DEFAULT 0;

CREATE TABLE kassa_read_version (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    epoch BIGINT NOT NULL,
    catalogue_version BIGINT NOT NULL
);
INSERT INTO kassa_read_version (id, epoch, catalogue_version)
    VALUES (1, floor(random() * 9007199254740991)::BIGINT, 0);

CREATE FUNCTION kassa_bump_loan_rows(changed_loan_id BIGINT) RETURNS VOID LANGUAGE sql AS $$
    UPDATE m_loan SET rows_version = rows_version + 1 WHERE id = changed_loan_id;
$$;

CREATE FUNCTION kassa_loan_rows_by_loan_id() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM kassa_bump_loan_rows(OLD.loan_id);
    END IF;
    IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.loan_id IS DISTINCT FROM OLD.loan_id) THEN
        PERFORM kassa_bump_loan_rows(NEW.loan_id);
    END IF;
    RETURN NULL;
END;
$$;

CREATE FUNCTION kassa_loan_rows_by_charge() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM kassa_bump_loan_rows((SELECT loan_id FROM m_loan_charge WHERE id = OLD.loan_charge_id));
    END IF;
    IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.loan_charge_id IS DISTINCT FROM OLD.loan_charge_id) THEN
        PERFORM kassa_bump_loan_rows((SELECT loan_id FROM m_loan_charge WHERE id = NEW.loan_charge_id));
    END IF;
    RETURN NULL;
END;
$$;

CREATE FUNCTION kassa_loan_rows_by_transaction() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM kassa_bump_loan_rows(
            (SELECT loan_id FROM m_loan_transaction WHERE id = OLD.from_loan_transaction_id));
    END IF;
    IF TG_OP = 'INSERT'
        OR (TG_OP = 'UPDATE' AND NEW.from_loan_transaction_id IS DISTINCT FROM OLD.from_loan_transaction_id) THEN
        PERFORM kassa_bump_loan_rows(
            (SELECT loan_id FROM m_loan_transaction WHERE id = NEW.from_loan_transaction_id));
    END IF;
    RETURN NULL;
END;
$$;

-- Statement-level: a catalogue statement that touches many rows bumps once.
CREATE FUNCTION kassa_bump_catalogue() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE kassa_read_version SET catalogue_version = catalogue_version + 1;
    RETURN NULL;
END;
$$;

CREATE TRIGGER m_loan_repayment_schedule_rows_version AFTER INSERT OR UPDATE OR DELETE ON m_loan_repayment_schedule
    FOR EACH ROW EXECUTE FUNCTION kassa_loan_rows_by_loan_id();
CREATE TRIGGER m_loan_transaction_rows_version AFTER INSERT OR UPDATE OR DELETE ON m_loan_transaction
    FOR EACH ROW EXECUTE FUNCTION kassa_loan_rows_by_loan_id();
CREATE TRIGGER m_loan_charge_rows_version AFTER INSERT OR UPDATE OR DELETE ON m_loan_charge
    FOR EACH ROW EXECUTE FUNCTION kassa_loan_rows_by_loan_id();
CREATE TRIGGER m_loan_disbursement_detail_rows_version AFTER INSERT OR UPDATE OR DELETE ON m_loan_disbursement_detail
    FOR EACH ROW EXECUTE FUNCTION kassa_loan_rows_by_loan_id();
CREATE TRIGGER m_loan_ledger_rows_version AFTER INSERT OR UPDATE OR DELETE ON m_loan_ledger
    FOR EACH ROW EXECUTE FUNCTION kassa_loan_rows_by_loan_id();
CREATE TRIGGER m_loan_ledger_installment_rows_version AFTER INSERT OR UPDATE OR DELETE ON m_loan_ledger_installment
    FOR EACH ROW EXECUTE FUNCTION kassa_loan_rows_by_loan_id();
CREATE TRIGGER m_loan_charge_paid_by_rows_version AFTER INSERT OR UPDATE OR DELETE ON m_loan_charge_paid_by
    FOR EACH ROW EXECUTE FUNCTION kassa_loan_rows_by_charge();
CREATE TRIGGER m_loan_transaction_relation_rows_version AFTER INSERT OR UPDATE OR DELETE ON m_loan_transaction_relation
    FOR EACH ROW EXECUTE FUNCTION kassa_loan_rows_by_transaction();

CREATE TRIGGER m_office_catalogue_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON m_office
    FOR EACH STATEMENT EXECUTE FUNCTION kassa_bump_catalogue();
CREATE TRIGGER m_payment_type_catalogue_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON m_payment_type
    FOR EACH STATEMENT EXECUTE FUNCTION kassa_bump_catalogue();
CREATE TRIGGER m_charge_catalogue_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON m_charge
    FOR EACH STATEMENT EXECUTE FUNCTION kassa_bump_catalogue();
CREATE TRIGGER m_product_loan_catalogue_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON m_product_loan
    FOR EACH STATEMENT EXECUTE FUNCTION kassa_bump_catalogue();
CREATE TRIGGER m_product_loan_charge_catalogue_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON m_product_loan_charge
    FOR EACH STATEMENT EXECUTE FUNCTION kassa_bump_catalogue();
CREATE TRIGGER m_currency_catalogue_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON m_currency
    FOR EACH STATEMENT EXECUTE FUNCTION kassa_bump_catalogue();
CREATE TRIGGER m_organisation_currency_catalogue_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON m_organisation_currency
    FOR EACH STATEMENT EXECUTE FUNCTION kassa_bump_catalogue();
CREATE TRIGGER m_business_date_catalogue_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON m_business_date
    FOR EACH STATEMENT EXECUTE FUNCTION kassa_bump_catalogue();
CREATE TRIGGER c_configuration_catalogue_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON c_configuration
    FOR EACH STATEMENT EXECUTE FUNCTION kassa_bump_catalogue();
