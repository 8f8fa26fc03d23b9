import { describe, expect, it } from 'vitest';
import { fitToSage, normalizeAddress, sageAddressFields, type AddressInput } from '../../../server/mapping/address';
import { PRIMARY_SUFFIX_NAMES, STREET_SUFFIXES } from '../../../server/mapping/usps/suffixes';

type Row = [string, AddressInput, { lines: string[]; city?: string; state?: string; zip?: string; country?: string }];

const TX = { City: 'Austin', RegionCode: 'TX', PostalCode: '78703' };

/** Real-world forms, as checkouts send them, and the USPS standard form they must become. */
const CASES: Row[] = [
  ['the contract example', { Street1: '1200 North Lamar Boulevard', Street2: 'Suite 400', ...TX, CountryCode: 'US' }, { lines: ['1200 N LAMAR BLVD', 'STE 400'], city: 'AUSTIN', state: 'TX', zip: '78703', country: 'US' }],
  ['periods and commas', { Street1: '100 N. Main St., Ste. 200', City: 'Springfield', RegionCode: 'IL', PostalCode: '62701' }, { lines: ['100 N MAIN ST STE 200'] }],
  ['all lower case', { Street1: '55 west 34th street apt 4b', City: 'new york', RegionCode: 'ny', PostalCode: '10001' }, { lines: ['55 W 34TH ST APT 4B'], city: 'NEW YORK', state: 'NY' }],
  ['Apt 4B on line 2', { Street1: '9 Elm Street', Street2: 'Apt 4B', ...TX }, { lines: ['9 ELM ST', 'APT 4B'] }],
  ['#12 on line 2', { Street1: '9 Elm Street', Street2: '#12', ...TX }, { lines: ['9 ELM ST', '# 12'] }],
  ['#12 on the street line', { Street1: '742 Peachtree Road Northeast #12', City: 'Atlanta', RegionCode: 'GA', PostalCode: '30303' }, { lines: ['742 PEACHTREE RD NE # 12'] }],
  ['Apt # 5 drops the pound sign', { Street1: '123 Main St Apt #5', ...TX }, { lines: ['123 MAIN ST APT 5'] }],
  ['APT#5 run together', { Street1: '123 Main St APT#5', ...TX }, { lines: ['123 MAIN ST APT 5'] }],
  ['Suite spelled out', { Street1: '500 Congress Avenue Suite 1500', ...TX }, { lines: ['500 CONGRESS AVE STE 1500'] }],
  ['Ste. with a period', { Street1: '9 Elm St', Street2: 'Ste. 200', ...TX }, { lines: ['9 ELM ST', 'STE 200'] }],
  ['Floor and Building', { Street1: '1 Market Plaza', Street2: 'Building C Floor 3', ...TX }, { lines: ['1 MARKET PLZ', 'BLDG C FL 3'] }],
  ['Unit', { Street1: '77 Industrial Parkway Unit 7', ...TX }, { lines: ['77 INDUSTRIAL PKWY UNIT 7'] }],
  ['Room and Department', { Street1: '1 University Drive', Street2: 'Department 12 Room 101', ...TX }, { lines: ['1 UNIVERSITY DR', 'DEPT 12 RM 101'] }],
  ['Rear, a designator with no number', { Street1: '18 Oak Avenue Rear', ...TX }, { lines: ['18 OAK AVE REAR'] }],
  ['P.O. Box', { Street1: 'P.O. Box 123', ...TX }, { lines: ['PO BOX 123'] }],
  ['Post Office Box', { Street1: 'Post Office Box 4567', ...TX }, { lines: ['PO BOX 4567'] }],
  ['POB', { Street1: 'POB 88', ...TX }, { lines: ['PO BOX 88'] }],
  ['PO Box without a space', { Street1: 'PO Box123', ...TX }, { lines: ['PO BOX 123'] }],
  ['rural route', { Street1: 'Rural Route 2 Box 152', City: 'Billings', RegionCode: 'MT', PostalCode: '59001' }, { lines: ['RR 2 BOX 152'] }],
  ['highway contract', { Street1: 'HC 1 Box 22', City: 'Casper', RegionCode: 'WY', PostalCode: '82001' }, { lines: ['HC 1 BOX 22'] }],
  ['military APO', { Street1: 'Unit 2050 Box 4190', City: 'APO', RegionCode: 'AP', PostalCode: '96278' }, { lines: ['UNIT 2050 BOX 4190'], city: 'APO', state: 'AP' }],
  ['military PSC', { Street1: 'PSC 1234, Box 5678', City: 'FPO', RegionCode: 'Armed Forces Europe', PostalCode: '09501' }, { lines: ['PSC 1234 BOX 5678'], state: 'AE' }],
  ['fractional house number', { Street1: '123 1/2 Main St', ...TX }, { lines: ['123 1/2 MAIN ST'] }],
  ['hyphenated house number (Queens)', { Street1: '104-20 Queens Blvd.', City: 'Forest Hills', RegionCode: 'NY', PostalCode: '11375' }, { lines: ['104-20 QUEENS BLVD'] }],
  ['a directional that is the street name', { Street1: '100 North St', ...TX }, { lines: ['100 NORTH ST'] }],
  ['"No" is not a directional', { Street1: '7 No Name Road', ...TX }, { lines: ['7 NO NAME RD'] }],
  ['a suffix word that is the street name', { Street1: '12 Avenue B', ...TX }, { lines: ['12 AVENUE B'] }],
  ['only the last suffix is abbreviated', { Street1: '2 Park Avenue', ...TX }, { lines: ['2 PARK AVE'] }],
  ['county road keeps ROAD', { Street1: '4410 County Road 12', ...TX }, { lines: ['4410 COUNTY ROAD 12'] }],
  ['post-directional', { Street1: '901 Main Street South', ...TX }, { lines: ['901 MAIN ST S'] }],
  ['two-word directional', { Street1: '15 Peachtree Road North East', ...TX }, { lines: ['15 PEACHTREE RD NE'] }],
  ['pre-directional and suffix variants', { Street1: '300 Southwest Cherry Lane', ...TX }, { lines: ['300 SW CHERRY LN'] }],
  ['odd common suffix spellings', { Street1: '8 Sunset Blv', Street2: '14 Mill Crk Crcl', ...TX }, { lines: ['8 SUNSET BLV', '14 MILL CRK CIR'] }],
  ['Boulevard variants', { Street1: '8 Sunset Boulv', ...TX }, { lines: ['8 SUNSET BLVD'] }],
  ['Expressway and Highway', { Street1: '2200 Katy Freeway', Street2: '10 Pacific Coast Highway', ...TX }, { lines: ['2200 KATY FWY', '10 PACIFIC COAST HWY'] }],
  ['apostrophes and hyphens in names', { Street1: "14 O'Brien-Smith Court", ...TX }, { lines: ['14 OBRIEN SMITH CT'] }],
  ['accents folded for USPS', { Street1: '250 Calle José de Diego', City: 'San Juan', RegionCode: 'PR', PostalCode: '00901' }, { lines: ['250 CALLE JOSE DE DIEGO'], state: 'PR', country: 'US' }],
  ['a repeated line is written once', { Street1: '123 Main Street', Street2: '123 main st.', ...TX }, { lines: ['123 MAIN ST'] }],
  ['c/o line', { Street1: 'c/o Dana Ortiz', Street2: '9 Elm St', ...TX }, { lines: ['C/O DANA ORTIZ', '9 ELM ST'] }],
  ['spelled-out state', { Street1: '1 Main St', City: 'Columbus', RegionCode: 'Ohio', PostalCode: '43215' }, { lines: ['1 MAIN ST'], state: 'OH' }],
  ['odd state spelling', { Street1: '1 Main St', City: 'Raleigh', RegionCode: 'N. Carolina', PostalCode: '27601' }, { lines: ['1 MAIN ST'], state: 'NC' }],
  ['state abbreviation with periods', { Street1: '1 Main St', City: 'Washington', RegionCode: 'D.C.', PostalCode: '20001' }, { lines: ['1 MAIN ST'], state: 'DC' }],
  ['old state abbreviation', { Street1: '1 Main St', City: 'Philadelphia', RegionCode: 'Penna.', PostalCode: '19103' }, { lines: ['1 MAIN ST'], state: 'PA' }],
  ['state name in RegionName only', { Street1: '1 Main St', City: 'Seattle', RegionName: 'Washington', PostalCode: '98101' }, { lines: ['1 MAIN ST'], state: 'WA' }],
  ['ZIP+4 without a dash', { Street1: '1 Main St', City: 'Springfield', RegionCode: 'IL', PostalCode: '627011234' }, { lines: ['1 MAIN ST'], zip: '62701-1234' }],
  ['ZIP+4 with a space', { Street1: '1 Main St', ...TX, PostalCode: '78703 1234' }, { lines: ['1 MAIN ST'], zip: '78703-1234' }],
  ['ZIP+4 with a dash', { Street1: '1 Main St', ...TX, PostalCode: '78703-1234' }, { lines: ['1 MAIN ST'], zip: '78703-1234' }],
  ['ZIP with a trailing dash', { Street1: '1 Main St', ...TX, PostalCode: '78703-' }, { lines: ['1 MAIN ST'], zip: '78703' }],
  ['country USA', { Street1: '1 Main St', ...TX, CountryCode: 'USA' }, { lines: ['1 MAIN ST'], country: 'US' }],
  ['country United States', { Street1: '1 Main St', ...TX, CountryName: 'United States of America' }, { lines: ['1 MAIN ST'], country: 'US' }],
  ['Canadian postal code in lower case, no space', { Street1: '150 Elgin Street, Unit 7', City: 'Toronto', RegionCode: 'Ontario', PostalCode: 'm5v2t6', CountryCode: 'Canada' }, { lines: ['150 ELGIN STREET UNIT 7'], city: 'TORONTO', state: 'ON', zip: 'M5V 2T6', country: 'CA' }],
  ['Quebec in French, country from the postal code', { Street1: '12 rue Sainte-Catherine', City: 'Montréal', RegionCode: 'Québec', PostalCode: 'H2Y-1C6' }, { lines: ['12 RUE SAINTE CATHERINE'], city: 'MONTRÉAL', state: 'QC', zip: 'H2Y 1C6', country: 'CA' }],
  ['old province code', { Street1: '9 Water St', City: "St. John's", RegionCode: 'Nfld', PostalCode: 'A1C 1A1', CountryCode: 'CAN' }, { lines: ['9 WATER ST'], city: 'ST JOHNS', state: 'NL', zip: 'A1C 1A1' }],
  ['British Columbia abbreviated B.C.', { Street1: '800 Robson St', City: 'Vancouver', RegionCode: 'B.C.', PostalCode: 'V6B 1A1', CountryCode: 'CA' }, { lines: ['800 ROBSON ST'], state: 'BC' }],
  ['hyphenated city', { Street1: '1 Main St', City: 'Winston-Salem', RegionCode: 'NC', PostalCode: '27101' }, { lines: ['1 MAIN ST'], city: 'WINSTON SALEM' }],
  ['Puerto Rico as a country', { Street1: '1 Calle Luna', City: 'San Juan', PostalCode: '00901', CountryCode: 'PR' }, { lines: ['1 CALLE LUNA'], state: 'PR', country: 'US' }],
  ['a foreign address is cleaned, not USPS-abbreviated', { Street1: '10 Downing Street', City: 'London', RegionCode: 'Greater London', PostalCode: 'sw1a 2aa', CountryCode: 'United Kingdom' }, { lines: ['10 DOWNING STREET'], state: 'GREATER LONDON', zip: 'SW1A 2AA', country: 'GB' }],
];

describe('normalizeAddress', () => {
  it(`covers at least 40 real-world forms (${CASES.length})`, () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
  });

  it.each(CASES)('%s', (_name, input, want) => {
    const got = normalizeAddress(input, 'ship-to');
    expect(got).toMatchObject(want);
    expect(got.problems).toEqual([]);
  });

  it.each([
    ['4-digit ZIP that lost its zero', '2108', '02108'],
    ['8-digit ZIP+4 that lost its zero', '21081234', '02108-1234'],
    ['a ZIP sent as a number', 2108 as unknown as string, '02108'],
  ])('restores a %s, with a warning', (_name, zip, want) => {
    const got = normalizeAddress({ Street1: '1 Main St', City: 'Boston', RegionCode: 'MA', PostalCode: zip }, 'ship-to');
    expect(got.zip).toBe(want);
    expect(got.warnings).toEqual([`ship-to ZIP "${zip}" had lost its leading zero; written as ${want}`]);
  });

  it.each([
    ['unknown state', { Street1: '1 Main St', City: 'Dallas', RegionCode: 'Texs', PostalCode: '75201' }, 'ship-to state "Texs" is not a US state or territory'],
    ['bad ZIP', { Street1: '1 Main St', City: 'Dallas', RegionCode: 'TX', PostalCode: '752' }, 'ship-to ZIP "752" is not a US ZIP code (12345 or 12345-6789)'],
    ['no ZIP', { Street1: '1 Main St', City: 'Dallas', RegionCode: 'TX' }, 'ship-to has no ZIP code'],
    ['no street', { City: 'Dallas', RegionCode: 'TX', PostalCode: '75201' }, 'ship-to has no street'],
    ['no city', { Street1: '1 Main St', RegionCode: 'TX', PostalCode: '75201' }, 'ship-to has no city'],
    ['bad Canadian postal code', { Street1: '1 Main St', City: 'Toronto', RegionCode: 'ON', PostalCode: '12345', CountryCode: 'CA' }, 'ship-to postal code "12345" is not a Canadian postal code (A1A 1A1)'],
    ['APO with a civilian state', { Street1: 'PSC 1 Box 2', City: 'APO', RegionCode: 'NY', PostalCode: '09001' }, 'ship-to is military mail (APO) but the state is "NY", not AA, AE or AP'],
  ])('reports a problem: %s', (_name, input, problem) => {
    expect(normalizeAddress(input, 'ship-to').problems).toContain(problem);
  });

  it('warns when the country is unknown or has to be guessed', () => {
    expect(normalizeAddress({ Street1: '1 Main St', City: 'X', PostalCode: 'ABC', CountryCode: 'Atlantis' }, 'bill-to').warnings)
      .toContain('bill-to country "Atlantis" is not a known country; kept as written');
    expect(normalizeAddress({ Street1: '1 Main St', City: 'X', RegionCode: 'TX' }, 'bill-to').warnings)
      .toContain('bill-to has no country; taken as US');
  });
});

describe('the USPS suffix table', () => {
  it('holds every primary name of Publication 28 Appendix C1, each with its standard abbreviation', () => {
    expect(PRIMARY_SUFFIX_NAMES.length).toBeGreaterThanOrEqual(200);
    for (const name of PRIMARY_SUFFIX_NAMES) expect(STREET_SUFFIXES.get(name), name).toMatch(/^[A-Z]{2,5}$/);
    expect(STREET_SUFFIXES.get('MDW')).toBe('MDW');
    expect(STREET_SUFFIXES.get('MEDOWS')).toBe('MDWS');
    expect(STREET_SUFFIXES.get('CENTRE')).toBe('CTR');
    expect(STREET_SUFFIXES.get('TRAFFICWAY')).toBe('TRFY');
  });
});

describe('fitToSage', () => {
  const fit = (input: AddressInput, name = 'Dana Ortiz') => fitToSage(normalizeAddress(input, 'ship-to'), name, { label: 'ship-to' });

  it('leaves an address that fits alone, with Sage country codes', () => {
    const r = fit({ Street1: '1200 North Lamar Boulevard', Street2: 'Suite 400', ...TX });
    expect(r).toEqual({
      fields: { Name: 'Dana Ortiz', Address1: '1200 N LAMAR BLVD', Address2: 'STE 400', City: 'AUSTIN', State: 'TX', ZipCode: '78703', CountryCode: 'USA' },
      warnings: [],
      overflow: [],
    });
    expect(fitToSage(normalizeAddress({ Street1: '1 Main', ...TX }), 'X', { label: 'ship-to', countryCodes: 'iso2' }).fields.CountryCode).toBe('US');
  });

  it('breaks a long street before its unit and moves the unit to the next line', () => {
    const r = fit({ Street1: '21000 Old Mill Valley Crossing Suite 1200', ...TX });
    expect(r.fields.Address1).toBe('21000 OLD MILL VALLEY XING');
    expect(r.fields.Address2).toBe('STE 1200');
    expect(r.warnings).toEqual(['ship-to line "21000 OLD MILL VALLEY XING STE 1200" is longer than 30 characters; "STE 1200" moved to the next line']);
  });

  it('joins the overflow to a short next line when both fit', () => {
    const r = fit({ Street1: '1234 Martin Luther King Junior Parkway', Street2: 'Suite 12', ...TX });
    expect([r.fields.Address1, r.fields.Address2, r.fields.Address3]).toEqual(['1234 MARTIN LUTHER KING JUNIOR', 'PKWY STE 12', undefined]);
    expect(r.warnings).toHaveLength(1);
  });

  it('spills to line 3, then into the order comment, never losing a word', () => {
    const r = fit({
      Street1: '1234 Martin Luther King Junior Parkway Suite 1200',
      Street2: 'Lone Star Facilities Management Group Receiving Dock',
      Street3: 'Attention Accounts Payable',
      City: 'Austin', RegionCode: 'TX', PostalCode: '78703',
    });
    const kept = [r.fields.Address1, r.fields.Address2, r.fields.Address3].join(' ');
    for (const line of [r.fields.Address1, r.fields.Address2, r.fields.Address3]) expect(line!.length).toBeLessThanOrEqual(30);
    expect(r.overflow).toHaveLength(1);
    const all = `${kept} ${r.overflow[0].replace('ship-to continued: ', '').replace(/ \/ /g, ' ')}`;
    expect(all).toBe('1234 MARTIN LUTHER KING JUNIOR PKWY STE 1200 LONE STAR FACILITIES MANAGEMENT GROUP RECEIVING DOCK ATTENTION ACCOUNTS PAYABLE');
    expect(r.warnings.at(-1)).toMatch(/^ship-to does not fit in Sage's three lines of 30; ".*" is in the order comment$/);
  });

  it('joins short lines when there are more than three', () => {
    const r = fitToSage({ lines: ['1 MAIN ST', 'BLDG 2', 'FL 3', 'RM 4'], city: 'AUSTIN', state: 'TX', zip: '78703', country: 'US', warnings: [], problems: [] }, 'X', { label: 'ship-to' });
    expect([r.fields.Address1, r.fields.Address2, r.fields.Address3]).toEqual(['1 MAIN ST', 'BLDG 2', 'FL 3 RM 4']);
    expect(r.overflow).toEqual([]);
    expect(r.warnings).toEqual(['ship-to has more than three lines; "FL 3 RM 4" is now one line']);
  });

  it('abbreviates a long city the USPS way, and cuts only when that is not enough', () => {
    const a = fit({ Street1: '1 Main St', City: 'North Saint Paul Heights', RegionCode: 'MN', PostalCode: '55401' });
    expect(a.fields.City).toBe('N ST PAUL HEIGHTS');
    expect(a.warnings).toEqual(['ship-to city "NORTH SAINT PAUL HEIGHTS" is longer than 20 characters; written as "N ST PAUL HEIGHTS"']);
    const b = fit({ Street1: '1 Main St', City: 'Rancho Santa Margarita', RegionCode: 'CA', PostalCode: '92688' });
    expect(b.fields.City).toBe('RANCHO SANTA');
    expect(b.overflow).toEqual(['ship-to city: RANCHO SANTA MARGARITA']);
  });

  it('shortens a long company name the way a person would, keeping Unicode', () => {
    expect(fit({ Street1: '1 Main St', ...TX }, 'Metro Electric Contractors Incorporated').fields.Name).toBe('Metro Electric Contractors Inc');
    const r = fit({ Street1: '1 Main St', ...TX }, 'Zoë Björnsdóttir-Müller Façades and Landscaping');
    expect(r.fields.Name).toBe('Zoë Björnsdóttir-Müller');
    expect(r.overflow).toEqual(['ship-to name: Zoë Björnsdóttir-Müller Façades and Landscaping']);
  });

  it('keeps what Sage cannot hold (a long foreign region) in the comment', () => {
    const r = fit({ Street1: '10 Downing Street', City: 'London', RegionCode: 'Greater London', PostalCode: 'SW1A 2AA', CountryCode: 'GB' });
    expect(r.fields.State).toBe('');
    expect(r.fields.CountryCode).toBe('GBR');
    expect(r.overflow).toEqual(['ship-to state: GREATER LONDON']);
  });

  it('turns a fitted address into Sage header fields', () => {
    const r = fit({ Street1: '1 Main St', ...TX });
    expect(sageAddressFields('ShipTo', r.fields)).toEqual({
      ShipToName: 'Dana Ortiz', ShipToAddress1: '1 MAIN ST', ShipToCity: 'AUSTIN', ShipToState: 'TX', ShipToZipCode: '78703', ShipToCountryCode: 'USA',
    });
  });
});
