/**
 * Seeded pseudo-random numbers for the demo generator. Never Math.random: the same seed must give the same
 * data set on every machine and run, so that demos, screenshots and benchmarks are reproducible.
 *
 * sfc32 (Chris Doty-Humphrey's Small Fast Counting generator) passes PractRand and needs only 32-bit integer
 * arithmetic, which JavaScript does exactly. Streams are derived from (seed, path…) by hashing rather than by
 * drawing from a parent stream, so each enterprise's monthly series depends only on the seed and its index:
 * adding a field elsewhere does not reshuffle everything, and the iterator can regenerate one enterprise
 * without replaying the others.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max] inclusive. */
  int(min: number, max: number): number;
  /** Uniform in [min, max). */
  float(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  weighted<T>(items: readonly T[], weights: readonly number[]): T;
  /** Standard normal via Box–Muller (one value per call; simplicity over speed). */
  normal(mean?: number, sd?: number): number;
  /** Log-uniform in [min, max): equal probability per order of magnitude, a simple heavy tail. */
  logUniform(min: number, max: number): number;
  /** Mean-one lognormal multiplier: exp(sd·Z − sd²/2). Noise must not bias calibrated totals. */
  noise(sd: number): number;
  /** Fisher–Yates in place; returns the same array. */
  shuffle<T>(items: T[]): T[];
}

/** Hashes a seed and a path of labels into 128 bits (four 32-bit words) with murmur3-style mixing. */
function hashPath(seed: number, path: readonly (string | number)[]): [number, number, number, number] {
  const text = `${seed >>> 0}|${path.join('|')}`;
  let h1 = 1779033703 ^ text.length;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  return [(h1 ^ h2 ^ h3 ^ h4) >>> 0, (h2 ^ h1) >>> 0, (h3 ^ h1) >>> 0, (h4 ^ h1) >>> 0];
}

/** A class rather than closures: one stream per enterprise means many instances, and methods are shared. */
class Sfc32 implements Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(state: [number, number, number, number]) {
    [this.a, this.b, this.c, this.d] = state;
    // Warm-up: 12 rounds is the customary margin for sfc32 seeded from a hash.
    for (let i = 0; i < 12; i++) this.next();
  }

  next(): number {
    const t0 = (this.a + this.b) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.d = (this.d + 1) | 0;
    const t = (t0 + this.d) | 0;
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  float(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }

  weighted<T>(items: readonly T[], weights: readonly number[]): T {
    let total = 0;
    for (const w of weights) total += w;
    let r = this.next() * total;
    for (let i = 0; i < items.length; i++) {
      r -= weights[i]!;
      if (r < 0) return items[i]!;
    }
    return items[items.length - 1]!;
  }

  normal(mean = 0, sd = 1): number {
    const u = 1 - this.next(); // (0, 1]: log(0) is never taken
    const v = this.next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  logUniform(min: number, max: number): number {
    return Math.exp(Math.log(min) + this.next() * (Math.log(max) - Math.log(min)));
  }

  noise(sd: number): number {
    return sd <= 0 ? 1 : Math.exp(this.normal(0, sd) - (sd * sd) / 2);
  }

  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [items[i], items[j]] = [items[j]!, items[i]!];
    }
    return items;
  }
}

export function createRng(seed: number, ...path: (string | number)[]): Rng {
  return new Sfc32(hashPath(seed, path));
}
