-- The tenant registry: which tenants exist and where each one's data lives.
CREATE TABLE kassa_tenant (
    id            TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    timezone      TEXT NOT NULL,
    -- NULL: the tenant lives next to the registry (its own SQLite file, or its own PostgreSQL schema).
    database_url  TEXT,
    created_at    TEXT NOT NULL
);
