-- The chart of accounts and its companions, in Fineract's tables and columns: GL accounts (acc_gl_account, a tree
-- kept in `hierarchy` as ".<ancestor ids>.<id>." so that a subtree reads with one LIKE), accounting rules
-- (acc_accounting_rule, with tag rules in acc_rule_tags), the account of each financial activity
-- (acc_gl_financial_activity_account, one per activity) and accounting closures per office (acc_gl_closure).
CREATE TABLE acc_gl_account (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    parent_id INTEGER REFERENCES acc_gl_account (id),
    hierarchy TEXT NOT NULL DEFAULT '.',
    gl_code TEXT NOT NULL,
    disabled BOOLEAN NOT NULL DEFAULT 0,
    manual_journal_entries_allowed BOOLEAN NOT NULL DEFAULT 1,
    account_usage INTEGER NOT NULL,
    classification_enum INTEGER NOT NULL,
    tag_id INTEGER REFERENCES m_code_value (id),
    description TEXT,
    CONSTRAINT acc_gl_code UNIQUE (gl_code)
);
CREATE INDEX ix_acc_gl_account_parent ON acc_gl_account (parent_id);

CREATE TABLE acc_accounting_rule (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    office_id INTEGER REFERENCES m_office (id),
    debit_account_id INTEGER REFERENCES acc_gl_account (id),
    allow_multiple_debits BOOLEAN NOT NULL DEFAULT 0,
    credit_account_id INTEGER REFERENCES acc_gl_account (id),
    allow_multiple_credits BOOLEAN NOT NULL DEFAULT 0,
    description TEXT,
    system_defined BOOLEAN NOT NULL DEFAULT 0,
    CONSTRAINT accounting_rule_name_unique UNIQUE (name)
);

-- acc_type_enum is the journal entry side the tag stands for: 1 credit, 2 debit.
CREATE TABLE acc_rule_tags (
    id INTEGER PRIMARY KEY,
    acc_rule_id INTEGER NOT NULL REFERENCES acc_accounting_rule (id),
    tag_id INTEGER NOT NULL REFERENCES m_code_value (id),
    acc_type_enum INTEGER NOT NULL,
    CONSTRAINT UNIQUE_ACCOUNT_RULE_TAGS UNIQUE (acc_rule_id, tag_id, acc_type_enum)
);

CREATE TABLE acc_gl_financial_activity_account (
    id INTEGER PRIMARY KEY,
    gl_account_id INTEGER NOT NULL REFERENCES acc_gl_account (id),
    financial_activity_type INTEGER NOT NULL,
    CONSTRAINT financial_activity_type UNIQUE (financial_activity_type)
);

CREATE TABLE acc_gl_closure (
    id INTEGER PRIMARY KEY,
    office_id INTEGER NOT NULL REFERENCES m_office (id),
    closing_date TEXT NOT NULL,
    is_deleted BOOLEAN NOT NULL DEFAULT 0,
    comments TEXT,
    createdby_id INTEGER NOT NULL REFERENCES m_appuser (id),
    created_date TEXT NOT NULL,
    lastmodifiedby_id INTEGER NOT NULL REFERENCES m_appuser (id),
    lastmodified_date TEXT NOT NULL,
    CONSTRAINT office_id_closing_date UNIQUE (office_id, closing_date)
);
