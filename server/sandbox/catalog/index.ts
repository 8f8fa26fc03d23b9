export * from './items';
export * from './people';
export * from './zips';
export * from './lookups';
export * from './prng';
