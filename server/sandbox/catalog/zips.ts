/** The ZIP table both sandboxes know: real US ZIP codes with their cities, plus a few Canadian ones. */
export interface ZipRow { zip: string; city: string; state: string; country: string }

const ROWS: Array<[string, string, string]> = [
  ['78703', 'AUSTIN', 'TX'], ['78701', 'AUSTIN', 'TX'], ['75201', 'DALLAS', 'TX'], ['77002', 'HOUSTON', 'TX'],
  ['10001', 'NEW YORK', 'NY'], ['10013', 'NEW YORK', 'NY'], ['11201', 'BROOKLYN', 'NY'], ['14604', 'ROCHESTER', 'NY'],
  ['94105', 'SAN FRANCISCO', 'CA'], ['90012', 'LOS ANGELES', 'CA'], ['92101', 'SAN DIEGO', 'CA'], ['95814', 'SACRAMENTO', 'CA'],
  ['60601', 'CHICAGO', 'IL'], ['62701', 'SPRINGFIELD', 'IL'], ['98101', 'SEATTLE', 'WA'], ['99201', 'SPOKANE', 'WA'],
  ['97204', 'PORTLAND', 'OR'], ['80202', 'DENVER', 'CO'], ['85004', 'PHOENIX', 'AZ'], ['87102', 'ALBUQUERQUE', 'NM'],
  ['30303', 'ATLANTA', 'GA'], ['33131', 'MIAMI', 'FL'], ['32801', 'ORLANDO', 'FL'], ['28202', 'CHARLOTTE', 'NC'],
  ['27601', 'RALEIGH', 'NC'], ['37203', 'NASHVILLE', 'TN'], ['02108', 'BOSTON', 'MA'], ['02139', 'CAMBRIDGE', 'MA'],
  ['19103', 'PHILADELPHIA', 'PA'], ['15222', 'PITTSBURGH', 'PA'], ['20001', 'WASHINGTON', 'DC'], ['21201', 'BALTIMORE', 'MD'],
  ['44113', 'CLEVELAND', 'OH'], ['43215', 'COLUMBUS', 'OH'], ['48226', 'DETROIT', 'MI'], ['55401', 'MINNEAPOLIS', 'MN'],
  ['53202', 'MILWAUKEE', 'WI'], ['64105', 'KANSAS CITY', 'MO'], ['63101', 'SAINT LOUIS', 'MO'], ['70112', 'NEW ORLEANS', 'LA'],
  ['84101', 'SALT LAKE CITY', 'UT'], ['89101', 'LAS VEGAS', 'NV'], ['96813', 'HONOLULU', 'HI'], ['99501', 'ANCHORAGE', 'AK'],
  ['04101', 'PORTLAND', 'ME'], ['05401', 'BURLINGTON', 'VT'], ['03101', 'MANCHESTER', 'NH'], ['06103', 'HARTFORD', 'CT'],
  ['00901', 'SAN JUAN', 'PR'], ['46204', 'INDIANAPOLIS', 'IN'], ['40202', 'LOUISVILLE', 'KY'], ['73102', 'OKLAHOMA CITY', 'OK'],
];

const CANADA: Array<[string, string, string]> = [
  ['M5V 2T6', 'TORONTO', 'ON'], ['H2Y 1C6', 'MONTREAL', 'QC'], ['V6B 1A1', 'VANCOUVER', 'BC'], ['T2P 1J9', 'CALGARY', 'AB'],
];

export function zipTable(): ZipRow[] {
  return [
    ...ROWS.map(([zip, city, state]) => ({ zip, city, state, country: 'USA' })),
    ...CANADA.map(([zip, city, state]) => ({ zip, city, state, country: 'CAN' })),
  ];
}

/** ZIPs the order generator may use that are NOT in Sage's table, to exercise that rule. */
export const ZIPS_NOT_IN_TABLE = ['59001', '82001'];
