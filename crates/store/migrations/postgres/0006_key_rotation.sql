-- tsumiki schema, PostgreSQL flavour: issuer key rotation. Same as ../sqlite/0006_key_rotation.sql
-- but for BLOB/BYTEA (none here); tests check that both yield the same tables and columns.
-- A rotated-out key stays published in the issuer's controller document, so every credential
-- and status list it signed keeps verifying; only the current key (in issuers) signs.
CREATE TABLE issuer_retired_keys (
    issuer_id            TEXT NOT NULL REFERENCES issuers (id),
    verification_method  TEXT NOT NULL,
    public_key_multibase TEXT NOT NULL,
    retired_at           TEXT NOT NULL,
    PRIMARY KEY (issuer_id, verification_method)
);
