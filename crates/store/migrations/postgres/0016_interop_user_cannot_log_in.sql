-- The seeded interopUser's hash is salted with {3} but holds the {1} digest, so no password has ever matched
-- it (as in Fineract). Say so the way the `system` user does, with the 64-zero digest no password hashes to,
-- so that the last-super-user rule does not count an administrator nobody can log in as. A password set
-- since (any other hash) is left alone.
UPDATE m_appuser
SET password = '{SHA-256}{3}0000000000000000000000000000000000000000000000000000000000000000'
WHERE id = 3
  AND username = 'interopUser'
  AND password = '{SHA-256}{3}5787039480429368bf94732aacc771cd0a3ea02bcf504ffe1185ab94213bc63a';
