-- Idempotency keys belong to the user who sent them: a stored answer is replayed only for the same user,
-- method and path (with query), and only for the same body (request_body_sha256, the SHA-256 of the body as
-- the command log stores it). The old UNIQUE (action_name, entity_name, idempotency_key) let one user's
-- key answer another user's request. SQLite cannot drop a table constraint, so the table is rebuilt.
CREATE TABLE m_portfolio_command_source_new (
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
    request_method         TEXT,
    request_path           TEXT,
    request_body_sha256    TEXT
);
INSERT INTO m_portfolio_command_source_new (id, action_name, entity_name, office_id, group_id, client_id, loan_id,
    savings_account_id, product_id, resource_id, subresource_id, transaction_id, resource_external_id, api_get_url,
    command_as_json, maker_id, made_on_date, checker_id, checked_on_date, status, result, result_status_code,
    idempotency_key, request_method, request_path)
SELECT id, action_name, entity_name, office_id, group_id, client_id, loan_id,
    savings_account_id, product_id, resource_id, subresource_id, transaction_id, resource_external_id, api_get_url,
    command_as_json, maker_id, made_on_date, checker_id, checked_on_date, status, result, result_status_code,
    idempotency_key, request_method, request_path
FROM m_portfolio_command_source;
DROP TABLE m_portfolio_command_source;
ALTER TABLE m_portfolio_command_source_new RENAME TO m_portfolio_command_source;
CREATE INDEX ix_command_source_made_on ON m_portfolio_command_source (made_on_date);
CREATE INDEX ix_command_source_status ON m_portfolio_command_source (status);
-- Keys held before this migration were unique per (action, entity); a key without a recorded request line
-- could never be matched again, so it is released.
UPDATE m_portfolio_command_source SET idempotency_key = NULL
    WHERE idempotency_key IS NOT NULL AND (request_method IS NULL OR request_path IS NULL);
CREATE UNIQUE INDEX uq_portfolio_command_source_idempotency
    ON m_portfolio_command_source (maker_id, request_method, request_path, idempotency_key)
    WHERE idempotency_key IS NOT NULL;

-- A deleted user's username stays taken, as in Fineract (its unique key covers every row): the index no
-- longer leaves deleted users out. A name that was taken again meanwhile is kept by the live user (or, among
-- deleted users only, by the newest); the older holders are renamed `<name>#deleted-<id>`.
UPDATE m_appuser SET username = username || '#deleted-' || CAST(id AS TEXT)
    WHERE is_deleted = TRUE AND EXISTS (
        SELECT 1 FROM m_appuser other
        WHERE other.username = m_appuser.username AND other.id <> m_appuser.id
          AND (other.is_deleted = FALSE OR other.id > m_appuser.id));
DROP INDEX uq_m_appuser_username;
CREATE UNIQUE INDEX uq_m_appuser_username ON m_appuser (username);
