/** Strength 0 → red, 0.5 → amber, 1 → green (the map's colour scale; the legend says so). */
export function strengthColour(strength: number): string {
  const stops: [number, [number, number, number]][] = [
    [0, [207, 19, 34]],
    [0.5, [250, 173, 20]],
    [1, [56, 158, 13]],
  ];
  const s = Math.min(1, Math.max(0, strength));
  const i = s <= 0.5 ? 0 : 1;
  const [a, ca] = stops[i]!;
  const [b, cb] = stops[i + 1]!;
  const f = (s - a) / (b - a);
  const c = ca.map((v, k) => Math.round(v + (cb[k]! - v) * f));
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
}
