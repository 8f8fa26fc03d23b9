import type { BadgeMessageItem } from '../../server/contracts/messages';
import { ATTR_BADGE } from './protocol';

/** Draws the list frame's badges into the host's per-row slots (`data-clarity-badge="<order id>"`). */
export function drawBadges(root: ParentNode, badges: BadgeMessageItem[]): number {
  const byId = new Map(badges.map((b) => [b.orderId, b]));
  let drawn = 0;
  root.querySelectorAll<HTMLElement>(`[${ATTR_BADGE}]`).forEach((slot) => {
    const badge = byId.get(slot.getAttribute(ATTR_BADGE) ?? '');
    if (!badge) return;
    let el = slot.querySelector<HTMLElement>(':scope > .clx-badge');
    if (!el) {
      el = document.createElement('span');
      slot.appendChild(el);
    }
    el.className = `clx-badge clx-badge-${badge.tone}`;
    el.textContent = badge.label;
    if (badge.title) el.title = badge.title;
    else el.removeAttribute('title');
    el.setAttribute('aria-label', `Sage: ${badge.label}${badge.title ? ` (${badge.title})` : ''}`);
    drawn++;
  });
  return drawn;
}
