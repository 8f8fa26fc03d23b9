/**
 * State, territory, military and province codes, with the names and odd spellings checkouts
 * produce. Keys are upper case with punctuation removed and spaces collapsed, so "N. Carolina",
 * "n carolina" and "N.C." all look the same when looked up.
 */

/** USPS two-letter codes: 50 states, DC, territories and freely associated states, military. */
const US: ReadonlyArray<readonly [code: string, ...names: string[]]> = [
  ['AL', 'ALABAMA', 'ALA'], ['AK', 'ALASKA', 'ALAS'], ['AZ', 'ARIZONA', 'ARIZ'], ['AR', 'ARKANSAS', 'ARK'],
  ['CA', 'CALIFORNIA', 'CALIF', 'CAL', 'CALI'], ['CO', 'COLORADO', 'COLO', 'COL'], ['CT', 'CONNECTICUT', 'CONN'],
  ['DE', 'DELAWARE', 'DEL'], ['DC', 'DISTRICT OF COLUMBIA', 'WASHINGTON DC', 'WASH DC', 'D C'],
  ['FL', 'FLORIDA', 'FLA'], ['GA', 'GEORGIA'], ['HI', 'HAWAII'], ['ID', 'IDAHO'], ['IL', 'ILLINOIS', 'ILL', 'ILLS'],
  ['IN', 'INDIANA', 'IND'], ['IA', 'IOWA'], ['KS', 'KANSAS', 'KAN', 'KANS'], ['KY', 'KENTUCKY', 'KENT'],
  ['LA', 'LOUISIANA'], ['ME', 'MAINE'], ['MD', 'MARYLAND'], ['MA', 'MASSACHUSETTS', 'MASS'],
  ['MI', 'MICHIGAN', 'MICH'], ['MN', 'MINNESOTA', 'MINN'], ['MS', 'MISSISSIPPI', 'MISS'], ['MO', 'MISSOURI'],
  ['MT', 'MONTANA', 'MONT'], ['NE', 'NEBRASKA', 'NEB', 'NEBR'], ['NV', 'NEVADA', 'NEV'],
  ['NH', 'NEW HAMPSHIRE', 'N HAMPSHIRE'], ['NJ', 'NEW JERSEY', 'N JERSEY'], ['NM', 'NEW MEXICO', 'N MEX', 'N MEXICO', 'NEW MEX'],
  ['NY', 'NEW YORK', 'N YORK'], ['NC', 'NORTH CAROLINA', 'N CAROLINA', 'NO CAROLINA', 'N CAR'],
  ['ND', 'NORTH DAKOTA', 'N DAKOTA', 'NO DAKOTA', 'N DAK'], ['OH', 'OHIO'], ['OK', 'OKLAHOMA', 'OKLA'],
  ['OR', 'OREGON', 'ORE', 'OREG'], ['PA', 'PENNSYLVANIA', 'PENN', 'PENNA'], ['RI', 'RHODE ISLAND', 'R ISLAND'],
  ['SC', 'SOUTH CAROLINA', 'S CAROLINA', 'SO CAROLINA', 'S CAR'], ['SD', 'SOUTH DAKOTA', 'S DAKOTA', 'SO DAKOTA', 'S DAK'],
  ['TN', 'TENNESSEE', 'TENN'], ['TX', 'TEXAS', 'TEX'], ['UT', 'UTAH'], ['VT', 'VERMONT'], ['VA', 'VIRGINIA', 'VIRG'],
  ['WA', 'WASHINGTON', 'WASH', 'WASHINGTON STATE'], ['WV', 'WEST VIRGINIA', 'W VIRGINIA', 'W VA', 'WVA'],
  ['WI', 'WISCONSIN', 'WIS', 'WISC'], ['WY', 'WYOMING', 'WYO'],
  ['AS', 'AMERICAN SAMOA'], ['GU', 'GUAM'], ['MP', 'NORTHERN MARIANA ISLANDS', 'NORTHERN MARIANAS'],
  ['PR', 'PUERTO RICO'], ['VI', 'VIRGIN ISLANDS', 'US VIRGIN ISLANDS', 'U S VIRGIN ISLANDS', 'USVI'],
  ['UM', 'UNITED STATES MINOR OUTLYING ISLANDS'], ['FM', 'FEDERATED STATES OF MICRONESIA', 'MICRONESIA'],
  ['MH', 'MARSHALL ISLANDS'], ['PW', 'PALAU'],
  ['AA', 'ARMED FORCES AMERICAS', 'ARMED FORCES AMERICA'],
  ['AE', 'ARMED FORCES EUROPE', 'ARMED FORCES AFRICA', 'ARMED FORCES CANADA', 'ARMED FORCES MIDDLE EAST'],
  ['AP', 'ARMED FORCES PACIFIC'],
];

/** Canada Post two-letter codes, with English and French names and the old abbreviations. */
const CA: ReadonlyArray<readonly [code: string, ...names: string[]]> = [
  ['AB', 'ALBERTA', 'ALTA', 'ALB'], ['BC', 'BRITISH COLUMBIA', 'COLOMBIE BRITANNIQUE', 'B C'],
  ['MB', 'MANITOBA', 'MAN'], ['NB', 'NEW BRUNSWICK', 'NOUVEAU BRUNSWICK', 'N B'],
  ['NL', 'NEWFOUNDLAND AND LABRADOR', 'NEWFOUNDLAND & LABRADOR', 'NEWFOUNDLAND', 'LABRADOR', 'TERRE NEUVE ET LABRADOR', 'NF', 'NFLD'],
  ['NS', 'NOVA SCOTIA', 'NOUVELLE ECOSSE', 'N S'], ['NT', 'NORTHWEST TERRITORIES', 'TERRITOIRES DU NORD OUEST', 'NWT'],
  ['NU', 'NUNAVUT'], ['ON', 'ONTARIO', 'ONT'], ['PE', 'PRINCE EDWARD ISLAND', 'ILE DU PRINCE EDOUARD', 'PEI', 'P E I'],
  ['QC', 'QUEBEC', 'QUE', 'PQ', 'P Q'], ['SK', 'SASKATCHEWAN', 'SASK'], ['YT', 'YUKON', 'YUKON TERRITORY', 'YK'],
];

/** Upper case, accents and punctuation gone, spaces collapsed: "Québec" → "QUEBEC", "N.C." → "N C". */
export function regionKey(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[.,'’]/g, (c) => (c === '.' ? ' ' : ''))
    .replace(/[-_/]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function build(rows: ReadonlyArray<readonly [string, ...string[]]>): ReadonlyMap<string, string> {
  const map = new Map<string, string>();
  for (const [code, ...names] of rows) {
    map.set(code, code);
    for (const n of names) {
      map.set(n, code);
      map.set(n.replace(/ /g, ''), code);
    }
  }
  return map;
}

export const US_STATES = build(US);
export const CA_PROVINCES = build(CA);

/** State or province code for a region as written, for the given country; undefined if unknown. */
export function regionCode(region: string, country: 'US' | 'CA'): string | undefined {
  const key = regionKey(region);
  const table = country === 'CA' ? CA_PROVINCES : US_STATES;
  return table.get(key) ?? table.get(key.replace(/ /g, ''));
}

/** Military "cities" for APO/FPO/DPO addresses. */
export const MILITARY_CITIES: ReadonlySet<string> = new Set(['APO', 'FPO', 'DPO']);
