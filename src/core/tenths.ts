/**
 * Scores are kept as whole tenths of a point so that totals are exact to one decimal place
 * (no 0.1 + 0.2 drift). Convert at the edges only.
 */
export function toTenths(points: number): number {
  return Math.round(points * 10);
}

export function fromTenths(tenths: number): number {
  return tenths / 10;
}

export function clamp(value: number, min: number, max: number): number {
  return value < min ? min : value > max ? max : value;
}
