/** The security settings page's card on the cryptographic suite and keys (settings.crypto). */
export const cryptoEnUS = {
  title: 'Cryptography and keys',
  suite: 'Suite',
  suites: { gm: 'Commercial cryptography (SM3/SM4)', intl: 'International (SHA-256/AES)' },
  hash: 'Hash',
  mac: 'Integrity (audit log)',
  cipher: 'Encryption (personal fields, second-factor seeds)',
  recordedAt: 'Recorded at the first start',
  migratedAt: 'Last switched',
  keys: 'Keys (kept outside the database, not in backups)',
  purposes: { seeds: 'Second-factor seeds', audit: 'Audit log integrity', fields: 'Personal-information fields' },
  missing: 'missing',
  rotating_one: 'rotation not finished ({{count}} key)',
  rotating_other: 'rotation not finished ({{count}} keys)',
  hint: 'Switch the suite or rotate a key on the command line: npx biomfg crypto migrate --to gm, npx biomfg crypto rotate --key … (with the server stopped).',
};
