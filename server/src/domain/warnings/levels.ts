import { WARNING_LEVELS, type WarningLevel } from '../../../../contracts/warnings.ts';

/** Blue < yellow < orange < red, as the provincial capacity-warning schemes order their colours. */
export function levelRank(level: WarningLevel): number {
  return WARNING_LEVELS.indexOf(level);
}

/** The worst colour of a list, or null for none. */
export function worstLevel(levels: Iterable<WarningLevel>): WarningLevel | null {
  let worst: WarningLevel | null = null;
  for (const l of levels) if (worst === null || levelRank(l) > levelRank(worst)) worst = l;
  return worst;
}
