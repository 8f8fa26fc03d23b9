export * from './installations';
export * from './inbox';
export * from './jobs';
export * from './audit';
export * from './orders';
export * from './sync';
export * from './feeds';
export * from './monitoring';
