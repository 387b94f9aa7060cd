/** Passwords for the journeys' throwaway accounts (fresh DATA_DIR each run); they satisfy the default policy. */
export const TEMPORARY_PASSWORD = 'Kx7#vLp2-Qm9!';
export const NEW_PASSWORD = 'Nw8$rTz4-Jh6!Bq';
