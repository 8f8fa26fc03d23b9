import { describe, expect, it } from 'vitest';
import { customerName, deriveCustomerNo, fitName, personName, withSuffix } from '../../../server/mapping/names';

describe('names', () => {
  it.each([
    ['Acme Supply', 'Dana', 'Ortiz', 'Acme Supply'],
    [null, 'José', 'García', 'José García'],
    ['  ', ' Zoë ', "  O'Brien ", "Zoë O'Brien"],
    [undefined, null, 'Müller', 'Müller'],
    ['Cascade   Plumbing &  Heating', null, null, 'Cascade Plumbing & Heating'],
  ])('customer name from company %j, first %j, last %j → %s', (company, first, last, want) => {
    expect(customerName(company, first, last)).toBe(want);
  });

  it('builds a person name with Unicode kept', () => {
    expect(personName('Björn', 'Johansson')).toBe('Björn Johansson');
    expect(personName('Mei', null)).toBe('Mei');
  });

  it.each([
    ['Lone Star Facilities Management Group', 'Lone Star Facilities Mgmt', 'customer name "Lone Star Facilities Management Group" is longer than 30 characters; cut to "Lone Star Facilities Mgmt", the full name is in the order comment'],
    ['Metro Electric Contractors Incorporated', 'Metro Electric Contractors Inc', 'customer name "Metro Electric Contractors Incorporated" is longer than 30 characters; written as "Metro Electric Contractors Inc"'],
    ['PINECREST PROPERTY SERVICES COMPANY', 'PINECREST PROPERTY SERVICES CO', 'customer name "PINECREST PROPERTY SERVICES COMPANY" is longer than 30 characters; written as "PINECREST PROPERTY SERVICES CO"'],
    ['Supercalifragilisticexpialidociousness Ltd', 'Supercalifragilisticexpialidoc', 'customer name "Supercalifragilisticexpialidociousness Ltd" is longer than 30 characters; cut to "Supercalifragilisticexpialidoc", the full name is in the order comment'],
  ])('fits %s in 30 characters with a warning', (name, value, warning) => {
    const r = fitName(name, 'customer name');
    expect(r.value).toBe(value);
    expect([...r.value].length).toBeLessThanOrEqual(30);
    expect(r.warnings).toEqual([warning]);
  });

  it('counts characters, not bytes, so a Unicode name that fits is left alone', () => {
    const name = 'Zoë Björnsdóttir Müller-Façade'; // 30 characters
    expect(fitName(name, 'name')).toEqual({ value: name, warnings: [], overflow: '' });
  });

  it.each([
    ['Acme Supply', '', 'ACMESUPPLY'],
    ['Zoë Müller', 'W', 'WZOEMULLER'],
    ['dana.ortiz+web@acme.example', '', 'DANAORTIZWEBACMEEXAMP'.slice(0, 20)],
    ['77', '', '0000077'],
    ['77', 'W', 'W77'],
    ['!!!', '', undefined],
  ])('derives a CustomerNo from %j (prefix %j) → %s', (source, prefix, want) => {
    expect(deriveCustomerNo(source, prefix)).toBe(want);
  });

  it('adds a suffix within 20 characters when a number is taken', () => {
    expect(withSuffix('ACME', 2)).toBe('ACME2');
    expect(withSuffix('ABCDEFGHIJKLMNOPQRST', 12)).toBe('ABCDEFGHIJKLMNOPQR12');
  });
});
