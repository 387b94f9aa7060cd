import type { WarningLevel } from '../../../../contracts/warnings.ts';

/** The four colours as the provincial capacity-warning schemes show them. */
export const LEVEL_COLOR: Record<WarningLevel, string> = { blue: 'blue', yellow: 'gold', orange: 'orange', red: 'red' };
export const STATUS_COLOR: Record<string, string> = { open: 'red', acknowledged: 'gold', handling: 'processing', resolved: 'green', dismissed: 'default' };
