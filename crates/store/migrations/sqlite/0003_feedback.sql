-- tsumiki schema, sqlite: feedback (placeholder until written).
-- Keep in step with the other backend's file: only BLOB/BYTEA may differ.
SELECT 1;
