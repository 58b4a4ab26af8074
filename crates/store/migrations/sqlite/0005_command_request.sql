-- The HTTP request behind each command (method, and path with query relative to /fineract-provider/api/v1),
-- so that a command held for maker-checker approval can be re-executed exactly as it was sent.
ALTER TABLE m_portfolio_command_source ADD COLUMN request_method TEXT;
ALTER TABLE m_portfolio_command_source ADD COLUMN request_path TEXT;
