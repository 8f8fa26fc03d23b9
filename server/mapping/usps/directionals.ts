/**
 * USPS Publication 28, Appendix B: directionals, written out or abbreviated, → standard form.
 * "NO" and "SO" are left out on purpose: "123 No Name Rd" is a street, not North Name Road.
 */
export const DIRECTIONALS: ReadonlyMap<string, string> = new Map([
  ['NORTH', 'N'], ['N', 'N'],
  ['SOUTH', 'S'], ['S', 'S'],
  ['EAST', 'E'], ['E', 'E'],
  ['WEST', 'W'], ['W', 'W'],
  ['NORTHEAST', 'NE'], ['NE', 'NE'], ['NORTH-EAST', 'NE'],
  ['NORTHWEST', 'NW'], ['NW', 'NW'], ['NORTH-WEST', 'NW'],
  ['SOUTHEAST', 'SE'], ['SE', 'SE'], ['SOUTH-EAST', 'SE'],
  ['SOUTHWEST', 'SW'], ['SW', 'SW'], ['SOUTH-WEST', 'SW'],
]);

/** "NORTH EAST" written as two words is one directional. */
export function joinDirectionals(a: string, b: string): string | undefined {
  const x = DIRECTIONALS.get(a);
  const y = DIRECTIONALS.get(b);
  if ((x === 'N' || x === 'S') && (y === 'E' || y === 'W') && a.length > 2 && b.length > 1) return x + y;
  return undefined;
}
