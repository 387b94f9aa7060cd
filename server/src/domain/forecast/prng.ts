/**
 * The forecast's seeded random numbers: sfc32 (as the demo generator, domain/demo/prng.ts) but exposed as one
 * bare `next()` closure, because the simulation draws tens of millions of numbers and an object with helper
 * methods costs more per call than the arithmetic itself. The same seed gives the same numbers on every machine.
 */
export type Uniform = () => number;

/** splitmix32 of the seed: four well-mixed state words even from small seeds such as 1, 2, 3. */
function seedWords(seed: number): [number, number, number, number] {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  return [next(), next(), next(), next()];
}

export function createUniform(seed: number): Uniform {
  // State in a typed array: 32-bit words kept in closure variables would be boxed as heap numbers on every
  // update (they exceed the small-integer range), which made each draw an allocation.
  const s = Int32Array.from(seedWords(seed));
  const uniform = () => {
    const a = s[0]!, b = s[1]!, c = s[2]!, d = (s[3]! + 1) | 0;
    const t = (((a + b) | 0) + d) | 0;
    s[0] = b ^ (b >>> 9);
    s[1] = (c + (c << 3)) | 0;
    s[2] = (((c << 21) | (c >>> 11)) + t) | 0;
    s[3] = d;
    return (t >>> 0) / 4294967296;
  };
  // Discard the first draws: sfc32's first outputs are correlated with the seed words.
  for (let i = 0; i < 12; i++) uniform();
  return uniform;
}

/** Standard normal by Box–Muller (the forecast needs few of them: one district draw per year and run). */
export function normal(u: Uniform): number {
  const r = Math.sqrt(-2 * Math.log(1 - u()));
  return r * Math.cos(2 * Math.PI * u());
}
