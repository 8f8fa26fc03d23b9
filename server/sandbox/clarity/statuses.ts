/**
 * Order statuses a Clarity site ships with (contracts/clarity.md, facts). Sites add their own,
 * so the sandbox accepts extra ones through its options; callers match on StatusKey only.
 */
export const DEFAULT_ORDER_STATUSES = [
  'Pending', 'On Hold', 'Confirmed', 'Backordered', 'Split', 'Partial Payment Received',
  'Full Payment Received', 'Processing', 'Shipped', 'Shipped from Vendor', 'Ready for Pickup',
  'Completed', 'Void',
] as const;

/** A cancelled order is voided; its webhook topic is order.cancelled rather than order.updated. */
export const CANCELLED_STATUS = 'Void';
export const SHIPPED_STATUS = 'Shipped';

/** Statuses after which a shipment no longer moves the order (it is already past shipping). */
export const SHIPPED_OR_LATER = new Set(['Shipped', 'Shipped from Vendor', 'Completed']);
