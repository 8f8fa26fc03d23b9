/**
 * Conventions for ordering keys and targets, so every producer names the same thing the same way.
 * Ordering keys are scoped to a store by the engine; targets are global (two stores writing to one
 * Sage company share its limit).
 */
export const orderKey = (clarityOrderId: string) => `order:${clarityOrderId}`;

/** Writes to one Sage company through one gateway; limited by targetLimits['sage-write']. */
export const sageWriteTarget = (gatewayUrl: string, company: string) =>
  `sage-write:${gatewayUrl.replace(/\/+$/, '').toLowerCase()}:${company.toUpperCase()}`;
