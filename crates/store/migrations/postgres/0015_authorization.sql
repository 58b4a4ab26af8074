-- Idempotency keys belong to the user who sent them: a stored answer is replayed only for the same user,
-- method and path (with query), and only for the same body (request_body_sha256, the SHA-256 of the body as
-- the command log stores it). The old UNIQUE (action_name, entity_name, idempotency_key) let one user's
-- key answer another user's request.
ALTER TABLE m_portfolio_command_source DROP CONSTRAINT uq_portfolio_command_source_idempotency;
ALTER TABLE m_portfolio_command_source ADD COLUMN request_body_sha256 TEXT;
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
