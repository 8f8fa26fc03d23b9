import type { MappingConfig } from '../../mapping/config';

/**
 * Unknown ZIP (Sage refuses a ZipCode / ShipToZipCode that is not in its ZIP table): by default
 * the order is held with a plain reason; with `customer.unknownZip: 'add'` the connector adds the
 * ZIP with the order's city and state and tries once more.
 */
export function addUnknownZips(config: MappingConfig): boolean {
  return config.customer.unknownZip === 'add';
}
