-- Platform tables of one tenant: offices, users, roles, permissions, the command log (audit + idempotency),
-- configuration, currencies and code tables. Table and column names follow Fineract's where they exist.
-- Dates are ISO TEXT, instants are RFC 3339 TEXT (UTC), booleans 0/1, money (none yet) INTEGER micro-units.

CREATE TABLE m_office (
    id            INTEGER PRIMARY KEY,
    parent_id     INTEGER REFERENCES m_office(id),
    hierarchy     TEXT NOT NULL,
    external_id   TEXT,
    name          TEXT NOT NULL,
    opening_date  TEXT NOT NULL,
    CONSTRAINT uq_m_office_name UNIQUE (name),
    CONSTRAINT uq_m_office_external_id UNIQUE (external_id)
);
CREATE INDEX ix_m_office_hierarchy ON m_office (hierarchy);

CREATE TABLE m_role (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL,
    description  TEXT NOT NULL,
    is_disabled  BOOLEAN NOT NULL DEFAULT 0,
    CONSTRAINT uq_m_role_name UNIQUE (name)
);

CREATE TABLE m_permission (
    id                 INTEGER PRIMARY KEY,
    grouping           TEXT NOT NULL,
    code               TEXT NOT NULL,
    entity_name        TEXT,
    action_name        TEXT,
    can_maker_checker  BOOLEAN NOT NULL DEFAULT 0,
    CONSTRAINT uq_m_permission_code UNIQUE (code)
);

CREATE TABLE m_role_permission (
    role_id        INTEGER NOT NULL REFERENCES m_role(id),
    permission_id  INTEGER NOT NULL REFERENCES m_permission(id),
    PRIMARY KEY (role_id, permission_id)
);

CREATE TABLE m_appuser (
    id                          INTEGER PRIMARY KEY,
    is_deleted                  BOOLEAN NOT NULL DEFAULT 0,
    office_id                   INTEGER NOT NULL REFERENCES m_office(id),
    staff_id                    INTEGER,
    username                    TEXT NOT NULL,
    firstname                   TEXT NOT NULL,
    lastname                    TEXT NOT NULL,
    password                    TEXT NOT NULL,
    email                       TEXT,
    enabled                     BOOLEAN NOT NULL DEFAULT 1,
    last_time_password_updated  TEXT NOT NULL,
    password_never_expires      BOOLEAN NOT NULL DEFAULT 0,
    is_self_service_user        BOOLEAN NOT NULL DEFAULT 0,
    cannot_change_password      BOOLEAN NOT NULL DEFAULT 0,
    -- Bumped on every change that must drop cached credentials (password, roles, deletion).
    version                     INTEGER NOT NULL DEFAULT 0
);
-- A deleted user's name may be taken again, as in Fineract (soft delete renames nothing).
CREATE UNIQUE INDEX uq_m_appuser_username ON m_appuser (username) WHERE is_deleted = 0;

CREATE TABLE m_appuser_role (
    appuser_id  INTEGER NOT NULL REFERENCES m_appuser(id),
    role_id     INTEGER NOT NULL REFERENCES m_role(id),
    PRIMARY KEY (appuser_id, role_id)
);

-- Fineract's m_portfolio_command_source: one row per write command. It is the audit log, the maker-checker
-- queue and the idempotency store at once.
CREATE TABLE m_portfolio_command_source (
    id                     INTEGER PRIMARY KEY,
    action_name            TEXT NOT NULL,
    entity_name            TEXT NOT NULL,
    office_id              INTEGER,
    group_id               INTEGER,
    client_id              INTEGER,
    loan_id                INTEGER,
    savings_account_id     INTEGER,
    product_id             INTEGER,
    resource_id            INTEGER,
    subresource_id         INTEGER,
    transaction_id         TEXT,
    resource_external_id   TEXT,
    api_get_url            TEXT NOT NULL,
    command_as_json        TEXT NOT NULL,
    maker_id               INTEGER NOT NULL,
    made_on_date           TEXT NOT NULL,
    checker_id             INTEGER,
    checked_on_date        TEXT,
    status                 INTEGER NOT NULL,
    result                 TEXT,
    result_status_code     INTEGER,
    idempotency_key        TEXT,
    CONSTRAINT uq_portfolio_command_source_idempotency UNIQUE (action_name, entity_name, idempotency_key)
);
CREATE INDEX ix_command_source_made_on ON m_portfolio_command_source (made_on_date);
CREATE INDEX ix_command_source_status ON m_portfolio_command_source (status);

CREATE TABLE c_configuration (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL,
    value         INTEGER,
    date_value    TEXT,
    string_value  TEXT,
    enabled       BOOLEAN NOT NULL DEFAULT 0,
    is_trap_door  BOOLEAN NOT NULL DEFAULT 0,
    description   TEXT,
    CONSTRAINT uq_c_configuration_name UNIQUE (name)
);

CREATE TABLE m_currency (
    id                           INTEGER PRIMARY KEY,
    code                         TEXT NOT NULL,
    decimal_places               INTEGER NOT NULL,
    currency_multiplesof         INTEGER,
    display_symbol               TEXT,
    name                         TEXT NOT NULL,
    internationalized_name_code  TEXT NOT NULL,
    CONSTRAINT uq_m_currency_code UNIQUE (code)
);

CREATE TABLE m_organisation_currency (
    id                           INTEGER PRIMARY KEY,
    code                         TEXT NOT NULL,
    decimal_places               INTEGER NOT NULL,
    currency_multiplesof         INTEGER,
    name                         TEXT NOT NULL,
    display_symbol               TEXT,
    internationalized_name_code  TEXT NOT NULL,
    CONSTRAINT uq_m_organisation_currency_code UNIQUE (code)
);

CREATE TABLE m_code (
    id                 INTEGER PRIMARY KEY,
    code_name          TEXT NOT NULL,
    is_system_defined  BOOLEAN NOT NULL DEFAULT 0,
    CONSTRAINT uq_m_code_name UNIQUE (code_name)
);

CREATE TABLE m_code_value (
    id                INTEGER PRIMARY KEY,
    code_id           INTEGER NOT NULL REFERENCES m_code(id),
    code_value        TEXT NOT NULL,
    code_description  TEXT,
    order_position    INTEGER NOT NULL DEFAULT 0,
    code_score        INTEGER,
    is_active         BOOLEAN NOT NULL DEFAULT 1,
    is_mandatory      BOOLEAN NOT NULL DEFAULT 0,
    CONSTRAINT uq_m_code_value UNIQUE (code_id, code_value)
);

CREATE TABLE m_password_validation_policy (
    id           INTEGER PRIMARY KEY,
    regex        TEXT NOT NULL,
    description  TEXT NOT NULL,
    active       BOOLEAN NOT NULL DEFAULT 0,
    key          TEXT NOT NULL,
    CONSTRAINT uq_m_password_validation_policy_key UNIQUE (key)
);
