-- What hangs off a client: identity documents (m_client_identifier), its photo (m_image) and notes (m_note).
-- Rows go with their client when a (pending) client is deleted.

-- `active` is 200 for an active identifier and NULL otherwise, so that the second constraint (Fineract's
-- unique_active_client_identifier) only binds active identifiers.
CREATE TABLE m_client_identifier (
    id                      INTEGER PRIMARY KEY,
    client_id               INTEGER NOT NULL REFERENCES m_client(id) ON DELETE CASCADE,
    document_type_id        INTEGER NOT NULL REFERENCES m_code_value(id),
    document_key            TEXT NOT NULL,
    status                  INTEGER NOT NULL,
    active                  INTEGER,
    description             TEXT,
    created_by              INTEGER REFERENCES m_appuser(id),
    created_on_utc          TEXT NOT NULL,
    last_modified_by        INTEGER REFERENCES m_appuser(id),
    last_modified_on_utc    TEXT NOT NULL,
    CONSTRAINT unique_identifier_key UNIQUE (document_type_id, document_key),
    CONSTRAINT unique_active_client_identifier UNIQUE (client_id, document_key, active)
);
CREATE INDEX ix_m_client_identifier_client ON m_client_identifier (client_id);

-- The photo's bytes live in the tenant's own database (storage_type_enum 3), never in a shared file
-- system. `location` is the name the image was stored under; `kind` (png, jpeg, gif) comes from decoding.
CREATE TABLE m_image (
    id                  INTEGER PRIMARY KEY,
    client_id           INTEGER NOT NULL REFERENCES m_client(id) ON DELETE CASCADE,
    location            TEXT NOT NULL,
    storage_type_enum   INTEGER NOT NULL,
    kind                TEXT NOT NULL,
    width_px            INTEGER NOT NULL,
    height_px           INTEGER NOT NULL,
    size_bytes          INTEGER NOT NULL,
    data                BLOB NOT NULL,
    CONSTRAINT uq_m_image_client UNIQUE (client_id)
);

CREATE TABLE m_note (
    id                      INTEGER PRIMARY KEY,
    client_id               INTEGER REFERENCES m_client(id) ON DELETE CASCADE,
    note_type_enum          INTEGER NOT NULL,
    note                    TEXT,
    created_by              INTEGER REFERENCES m_appuser(id),
    created_on_utc          TEXT NOT NULL,
    last_modified_by        INTEGER REFERENCES m_appuser(id),
    last_modified_on_utc    TEXT NOT NULL
);
CREATE INDEX ix_m_note_client ON m_note (client_id, note_type_enum);
