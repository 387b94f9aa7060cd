import crypto from 'node:crypto';

const SETS = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnopqrstuvwxyz', '23456789', '#%+=@!?'];

/**
 * A random temporary password with all four character classes (so it passes any configurable policy),
 * without look-alike characters, because it is read out or copied by an administrator. It must be changed
 * at first sign-in.
 */
export function generateTemporaryPassword(length = 14): string {
  const chars: string[] = SETS.map((set) => set[crypto.randomInt(set.length)]!);
  const all = SETS.join('');
  while (chars.length < length) chars.push(all[crypto.randomInt(all.length)]!);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = crypto.randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}
