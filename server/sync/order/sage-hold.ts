import type { SageSalesOrderInput } from '../../domain/sage';
import type { MappingConfig } from '../../mapping/config';

/**
 * The order entered on hold in Sage (OrderStatus H) with the reason in its 30-character Comment:
 * how Sage users see "needs review" in their open-order list. The Comment the builder made from
 * the order's notes is not lost: it moves to a comment line at the top, unless the notes are
 * already there in full.
 */
export function withSageHold(so: SageSalesOrderInput, comment: string, config: MappingConfig): SageSalesOrderInput {
  const lines = [...so.Lines];
  const old = so.Comment?.trim();
  if (old && !lines.some((l) => l.ItemType === 4 && (l.CommentText ?? '').includes(old))) {
    lines.unshift({ ItemType: 4, ItemCode: config.charges.commentItemCode, CommentText: `Notes: ${old}` });
  }
  return { ...so, OrderStatus: 'H', Comment: comment.slice(0, 30), Lines: lines };
}
