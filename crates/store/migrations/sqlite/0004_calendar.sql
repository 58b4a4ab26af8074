-- Business dates, working days and holidays. Names follow Fineract's (m_business_date, m_working_days,
-- m_holiday, m_holiday_office). Dates are ISO TEXT, booleans 0/1.

-- One row per date type (BUSINESS_DATE, COB_DATE); read only while `enable-business-date` is on.
CREATE TABLE m_business_date (
    id    INTEGER PRIMARY KEY,
    type  TEXT NOT NULL,
    date  TEXT NOT NULL,
    CONSTRAINT uq_business_date_type UNIQUE (type)
);

-- The organisation's single working-days row.
CREATE TABLE m_working_days (
    id                             INTEGER PRIMARY KEY,
    recurrence                     TEXT NOT NULL,
    repayment_rescheduling_enum    INTEGER NOT NULL,
    extend_term_daily_repayments   BOOLEAN NOT NULL DEFAULT 0,
    extend_term_holiday_repayment  BOOLEAN NOT NULL DEFAULT 0
);

-- Fineract's seed: every day of the week is a working day; repayments move to the next working day.
INSERT INTO m_working_days (id, recurrence, repayment_rescheduling_enum, extend_term_daily_repayments, extend_term_holiday_repayment)
VALUES (1, 'FREQ=WEEKLY;INTERVAL=1;BYDAY=MO,TU,WE,TH,FR,SA,SU', 2, 0, 0);

CREATE TABLE m_holiday (
    id                         INTEGER PRIMARY KEY,
    name                       TEXT NOT NULL,
    from_date                  TEXT NOT NULL,
    to_date                    TEXT NOT NULL,
    repayments_rescheduled_to  TEXT,
    rescheduling_type          INTEGER NOT NULL,
    status_enum                INTEGER NOT NULL,
    processed                  BOOLEAN NOT NULL DEFAULT 0,
    description                TEXT,
    CONSTRAINT holiday_name UNIQUE (name)
);

CREATE TABLE m_holiday_office (
    holiday_id  INTEGER NOT NULL REFERENCES m_holiday(id),
    office_id   INTEGER NOT NULL REFERENCES m_office(id),
    PRIMARY KEY (holiday_id, office_id)
);
CREATE INDEX ix_m_holiday_office_office ON m_holiday_office (office_id);
