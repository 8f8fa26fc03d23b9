import type { MappingConfig } from '../../mapping/config';

/**
 * Order-flow policies the mapping config does not carry (yet), with their defaults in one place.
 *
 * Unknown ZIP (Sage refuses a ZipCode / ShipToZipCode that is not in its ZIP table): by default
 * the order is held with a plain reason. Sage's ZIP table feeds city names and tax jurisdictions
 * and is the merchant's to curate, so the connector adds to it only when the mapping says so
 * (`customer.unknownZip: 'add'`, read here if the mapping schema has it); it then adds the ZIP
 * with the order's city and state and tries once more.
 */
export function addUnknownZips(config: MappingConfig): boolean {
  return (config.customer as { unknownZip?: string }).unknownZip === 'add';
}
