/**
 * USPS Publication 28, Appendix C2: secondary unit designators, and whether a unit number must
 * follow ("APT 4B", but "REAR" alone). The extra spellings are the ones real checkouts produce.
 */
const C2: ReadonlyArray<readonly [name: string, standard: string, needsNumber: boolean, ...common: string[]]> = [
  ['APARTMENT', 'APT', true, 'APPT', 'APTMT', 'APART'],
  ['BASEMENT', 'BSMT', false, 'BASMT'],
  ['BUILDING', 'BLDG', true, 'BLD', 'BLDNG', 'BUILDNG'],
  ['DEPARTMENT', 'DEPT', true, 'DEP', 'DEPART'],
  ['FLOOR', 'FL', true, 'FLR'],
  ['FRONT', 'FRNT', false],
  ['HANGAR', 'HNGR', true, 'HANGER'],
  ['KEY', 'KEY', true],
  ['LOBBY', 'LBBY', false, 'LBY'],
  ['LOT', 'LOT', true],
  ['LOWER', 'LOWR', false, 'LWR'],
  ['OFFICE', 'OFC', false, 'OFFC'],
  ['PENTHOUSE', 'PH', false, 'PENTHSE', 'PNTHS'],
  ['PIER', 'PIER', true],
  ['REAR', 'REAR', false],
  ['ROOM', 'RM', true],
  ['SIDE', 'SIDE', false],
  ['SLIP', 'SLIP', true],
  ['SPACE', 'SPC', true, 'SPCE'],
  ['STOP', 'STOP', true],
  ['SUITE', 'STE', true, 'SUIT', 'SUTE', 'STES'],
  ['TRAILER', 'TRLR', true],
  ['UNIT', 'UNIT', true, 'UNT'],
  ['UPPER', 'UPPR', false, 'UPR'],
];

export interface UnitDesignator {
  standard: string;
  needsNumber: boolean;
}

export const UNIT_DESIGNATORS: ReadonlyMap<string, UnitDesignator> = (() => {
  const map = new Map<string, UnitDesignator>();
  for (const [name, standard, needsNumber, ...common] of C2) {
    for (const s of [name, standard, ...common]) map.set(s, { standard, needsNumber });
  }
  return map;
})();
