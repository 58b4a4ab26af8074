-- Versions that let a replica keep what it read and know, in the one query a read makes anyway, whether it
-- is still what the database holds: every change to the rows a loan read shows beyond m_loan's own columns
-- (which reads take fresh) bumps m_loan.rows_version, and every change to the catalogue a read looks up
-- (products, charges, currencies, payment types, offices, the business date and configuration) bumps
-- kassa_read_version.catalogue_version, both inside the writing transaction. The epoch is drawn once per
-- database, so versions of a database made anew never match what a cache kept of the old one.
ALTER TABLE m_loan ADD COLUMN rows_version INTEGER NOT NULL DEFAULT 0;

CREATE TABLE kassa_read_version (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    epoch INTEGER NOT NULL,
    catalogue_version INTEGER NOT NULL
);
INSERT INTO kassa_read_version (id, epoch, catalogue_version) VALUES (1, abs(random() % 9007199254740991), 0);

CREATE TRIGGER m_loan_repayment_schedule_rows_version_insert AFTER INSERT ON m_loan_repayment_schedule
BEGIN
    UPDATE m_loan SET rows_version = rows_version + 1 WHERE id = NEW.loan_id;
END;
CREATE TRIGGER m_loan_repayment_schedule_rows_version_update AFTER UPDATE ON m_loan_repayment_schedule
BEGIN
    UPDATE m_loan SET rows_version = rows_version + 1 WHERE id IN (OLD.loan_id, NEW.loan_id);
END;
CREATE TRIGGER m_loan_repayment_schedule_rows_version_delete AFTER DELETE ON m_loan_repayment_schedule
BEGIN
    UPDATE m_loan SET rows_version = rows_version + 1 WHERE id = OLD.loan_id;
END;
CREATE TRIGGER m_loan_transaction_rows_version_insert AFTER INSERT ON m_loan_transaction
BEGIN
    UPDATE m_loan SET rows_version = rows_version + 1 WHERE id = NEW.loan_id;
END;
CREATE TRIGGER m_loan_transaction_rows_version_update AFTER UPDATE ON m_loan_transaction
BEGIN
    UPDATE m_loan SET rows_version = rows_version + 1 WHERE id IN (OLD.loan_id, NEW.loan_id);
END;
CREATE TRIGGER m_loan_transaction_rows_version_delete AFTER DELETE ON m_loan_transaction
BEGIN
    UPDATE m_loan SET rows_version = rows_version + 1 WHERE id = OLD.loan_id;
END;
CREATE TRIGGER m_loan_charge_rows_version_insert AFTER INSERT ON m_loan_charge
BEGIN
    UPDATE m_loan SET rows_version = rows_version + 1 WHERE id = NEW.loan_id;
END;
CREATE TRIGGER m_loan_charge_rows_version_update AFTER UPDATE ON m_loan_charge
BEGIN
    UPDATE m_loan SET rows_version = rows_version + 1 WHERE id IN (OLD.loan_id, NEW.loan_id);
END;
CREATE TRIGGER m_loan_charge_rows_version_delete AFTER DELETE ON m_loan_charge
BEGIN
    UPDATE m_loan SET rows_version = rows_version + 1 WHERE id = OLD.loan_id;
END;
CREATE TRIGGER m_loan_disbursement_detail_rows_version_insert AFTER INSERT ON m_loan_disbursement_detail
BEGIN
    UPDATE m_loan SET rows_version = rows_version + 1 WHERE id = NEW.loan_id;
END;
CREATE TRIGGER m_loan_disbursement_detail_rows_version_update AFTER UPDATE ON m_loan_disbursement_detail
BEGIN
    UPDATE m_loan SET rows_version = rows_version + 1 WHERE id IN (OLD.loan_id, NEW.loan_id);
END;
CREATE TRIGGER m_loan_disbursement_detail_rows_version_delete AFTER DELETE ON m_loan_disbursement_detail
BEGIN
    UPDATE m_loan SET rows_version = rows_version + 1 WHERE id = OLD.loan_id;
END;
CREATE TRIGGER m_loan_ledger_rows_version_insert AFTER INSERT ON m_loan_ledger
BEGIN
    UPDATE m_loan SET rows_version = rows_version + 1 WHERE id = NEW.loan_id;
END;
CREATE TRIGGER m_loan_ledger_rows_version_update AFTER UPDATE ON m_loan_ledger
BEGIN
    UPDATE m_loan SET rows_version = rows_version + 1 WHERE id IN (OLD.loan_id, NEW.loan_id);
END;
CREATE TRIGGER m_loan_ledger_rows_version_delete AFTER DELETE ON m_loan_ledger
BEGIN
    UPDATE m_loan SET rows_version = rows_version + 1 WHERE id = OLD.loan_id;
END;
CREATE TRIGGER m_loan_ledger_installment_rows_version_insert AFTER INSERT ON m_loan_ledger_installment
BEGIN
    UPDATE m_loan SET rows_version = rows_version + 1 WHERE id = NEW.loan_id;
END;
CREATE TRIGGER m_loan_ledger_installment_rows_version_update AFTER UPDATE ON m_loan_ledger_installment
BEGIN
    UPDATE m_loan SET rows_version = rows_version + 1 WHERE id IN (OLD.loan_id, NEW.loan_id);
END;
CREATE TRIGGER m_loan_ledger_installment_rows_version_delete AFTER DELETE ON m_loan_ledger_installment
BEGIN
    UPDATE m_loan SET rows_version = rows_version + 1 WHERE id = OLD.loan_id;
END;
CREATE TRIGGER m_loan_charge_paid_by_rows_version_insert AFTER INSERT ON m_loan_charge_paid_by
BEGIN
    UPDATE m_loan SET rows_version = rows_version + 1 WHERE id = (SELECT loan_id FROM m_loan_charge WHERE id = NEW.loan_charge_id);
END;
CREATE TRIGGER m_loan_charge_paid_by_rows_version_update AFTER UPDATE ON m_loan_charge_paid_by
BEGIN
    UPDATE m_loan SET rows_version = rows_version + 1
    WHERE id IN (SELECT loan_id FROM m_loan_charge WHERE id IN (OLD.loan_charge_id, NEW.loan_charge_id));
END;
CREATE TRIGGER m_loan_charge_paid_by_rows_version_delete AFTER DELETE ON m_loan_charge_paid_by
BEGIN
    UPDATE m_loan SET rows_version = rows_version + 1 WHERE id = (SELECT loan_id FROM m_loan_charge WHERE id = OLD.loan_charge_id);
END;
CREATE TRIGGER m_loan_transaction_relation_rows_version_insert AFTER INSERT ON m_loan_transaction_relation
BEGIN
    UPDATE m_loan SET rows_version = rows_version + 1 WHERE id = (SELECT loan_id FROM m_loan_transaction WHERE id = NEW.from_loan_transaction_id);
END;
CREATE TRIGGER m_loan_transaction_relation_rows_version_update AFTER UPDATE ON m_loan_transaction_relation
BEGIN
    UPDATE m_loan SET rows_version = rows_version + 1
    WHERE id IN (SELECT loan_id FROM m_loan_transaction WHERE id IN (OLD.from_loan_transaction_id, NEW.from_loan_transaction_id));
END;
CREATE TRIGGER m_loan_transaction_relation_rows_version_delete AFTER DELETE ON m_loan_transaction_relation
BEGIN
    UPDATE m_loan SET rows_version = rows_version + 1 WHERE id = (SELECT loan_id FROM m_loan_transaction WHERE id = OLD.from_loan_transaction_id);
END;
CREATE TRIGGER m_office_catalogue_version_insert AFTER INSERT ON m_office
BEGIN
    UPDATE kassa_read_version SET catalogue_version = catalogue_version + 1;
END;
CREATE TRIGGER m_office_catalogue_version_update AFTER UPDATE ON m_office
BEGIN
    UPDATE kassa_read_version SET catalogue_version = catalogue_version + 1;
END;
CREATE TRIGGER m_office_catalogue_version_delete AFTER DELETE ON m_office
BEGIN
    UPDATE kassa_read_version SET catalogue_version = catalogue_version + 1;
END;
CREATE TRIGGER m_payment_type_catalogue_version_insert AFTER INSERT ON m_payment_type
BEGIN
    UPDATE kassa_read_version SET catalogue_version = catalogue_version + 1;
END;
CREATE TRIGGER m_payment_type_catalogue_version_update AFTER UPDATE ON m_payment_type
BEGIN
    UPDATE kassa_read_version SET catalogue_version = catalogue_version + 1;
END;
CREATE TRIGGER m_payment_type_catalogue_version_delete AFTER DELETE ON m_payment_type
BEGIN
    UPDATE kassa_read_version SET catalogue_version = catalogue_version + 1;
END;
CREATE TRIGGER m_charge_catalogue_version_insert AFTER INSERT ON m_charge
BEGIN
    UPDATE kassa_read_version SET catalogue_version = catalogue_version + 1;
END;
CREATE TRIGGER m_charge_catalogue_version_update AFTER UPDATE ON m_charge
BEGIN
    UPDATE kassa_read_version SET catalogue_version = catalogue_version + 1;
END;
CREATE TRIGGER m_charge_catalogue_version_delete AFTER DELETE ON m_charge
BEGIN
    UPDATE kassa_read_version SET catalogue_version = catalogue_version + 1;
END;
CREATE TRIGGER m_product_loan_catalogue_version_insert AFTER INSERT ON m_product_loan
BEGIN
    UPDATE kassa_read_version SET catalogue_version = catalogue_version + 1;
END;
CREATE TRIGGER m_product_loan_catalogue_version_update AFTER UPDATE ON m_product_loan
BEGIN
    UPDATE kassa_read_version SET catalogue_version = catalogue_version + 1;
END;
CREATE TRIGGER m_product_loan_catalogue_version_delete AFTER DELETE ON m_product_loan
BEGIN
    UPDATE kassa_read_version SET catalogue_version = catalogue_version + 1;
END;
CREATE TRIGGER m_product_loan_charge_catalogue_version_insert AFTER INSERT ON m_product_loan_charge
BEGIN
    UPDATE kassa_read_version SET catalogue_version = catalogue_version + 1;
END;
CREATE TRIGGER m_product_loan_charge_catalogue_version_update AFTER UPDATE ON m_product_loan_charge
BEGIN
    UPDATE kassa_read_version SET catalogue_version = catalogue_version + 1;
END;
CREATE TRIGGER m_product_loan_charge_catalogue_version_delete AFTER DELETE ON m_product_loan_charge
BEGIN
    UPDATE kassa_read_version SET catalogue_version = catalogue_version + 1;
END;
CREATE TRIGGER m_currency_catalogue_version_insert AFTER INSERT ON m_currency
BEGIN
    UPDATE kassa_read_version SET catalogue_version = catalogue_version + 1;
END;
CREATE TRIGGER m_currency_catalogue_version_update AFTER UPDATE ON m_currency
BEGIN
    UPDATE kassa_read_version SET catalogue_version = catalogue_version + 1;
END;
CREATE TRIGGER m_currency_catalogue_version_delete AFTER DELETE ON m_currency
BEGIN
    UPDATE kassa_read_version SET catalogue_version = catalogue_version + 1;
END;
CREATE TRIGGER m_organisation_currency_catalogue_version_insert AFTER INSERT ON m_organisation_currency
BEGIN
    UPDATE kassa_read_version SET catalogue_version = catalogue_version + 1;
END;
CREATE TRIGGER m_organisation_currency_catalogue_version_update AFTER UPDATE ON m_organisation_currency
BEGIN
    UPDATE kassa_read_version SET catalogue_version = catalogue_version + 1;
END;
CREATE TRIGGER m_organisation_currency_catalogue_version_delete AFTER DELETE ON m_organisation_currency
BEGIN
    UPDATE kassa_read_version SET catalogue_version = catalogue_version + 1;
END;
CREATE TRIGGER m_business_date_catalogue_version_insert AFTER INSERT ON m_business_date
BEGIN
    UPDATE kassa_read_version SET catalogue_version = catalogue_version + 1;
END;
CREATE TRIGGER m_business_date_catalogue_version_update AFTER UPDATE ON m_business_date
BEGIN
    UPDATE kassa_read_version SET catalogue_version = catalogue_version + 1;
END;
CREATE TRIGGER m_business_date_catalogue_version_delete AFTER DELETE ON m_business_date
BEGIN
    UPDATE kassa_read_version SET catalogue_version = catalogue_version + 1;
END;
CREATE TRIGGER c_configuration_catalogue_version_insert AFTER INSERT ON c_configuration
BEGIN
    UPDATE kassa_read_version SET catalogue_version = catalogue_version + 1;
END;
CREATE TRIGGER c_configuration_catalogue_version_update AFTER UPDATE ON c_configuration
BEGIN
    UPDATE kassa_read_version SET catalogue_version = catalogue_version + 1;
END;
CREATE TRIGGER c_configuration_catalogue_version_delete AFTER DELETE ON c_configuration
BEGIN
    UPDATE kassa_read_version SET catalogue_version = catalogue_version + 1;
END;
