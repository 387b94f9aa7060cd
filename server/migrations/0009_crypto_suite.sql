-- The installation's cryptographic suite (docs/decisions/0014-commercial-cryptography.md): gm (SM3/SM4) or
-- intl (SHA-256/AES-256-GCM), recorded at the first start and changed only by `biomfg crypto migrate`.
-- One row. The keys themselves are never stored in the database.
CREATE TABLE crypto_settings (
  id smallint PRIMARY KEY CHECK (id = 1),
  suite text NOT NULL CHECK (suite IN ('gm', 'intl')),
  recorded_at timestamptz NOT NULL,
  migrated_at timestamptz
);
