import { EXTENSION_POINTS, type ExtensionPoint } from '../../server/contracts/messages';
import type { AppLocation } from './app-location';
import { ATTR_POINT } from './protocol';

/** One mounted extension point: the host element, its iframe, and what the frame is for. */
export interface MountedFrame {
  point: ExtensionPoint;
  host: HTMLElement;
  frame: HTMLIFrameElement;
}

/** Height reserved before the frame reports its own, so the host page does not jump. */
const INITIAL_HEIGHT: Record<ExtensionPoint, number> = {
  'admin.order.detail': 360,
  'admin.order.list': 44,
  'admin.app': 760,
};
const TITLES: Record<ExtensionPoint, string> = {
  'admin.order.detail': 'Sage 100: this order',
  'admin.order.list': 'Sage 100: order statuses',
  'admin.app': 'Sage 100 Connector',
};

export function isPoint(v: string | null): v is ExtensionPoint {
  return (EXTENSION_POINTS as readonly string[]).includes(v ?? '');
}

/** The ui/ route for a point, with the host's origin so the frame knows whom to trust. */
export function frameUrl(loc: AppLocation, point: ExtensionPoint, el: HTMLElement, hostOrigin: string): string | null {
  const host = `host=${encodeURIComponent(hostOrigin)}`;
  if (point === 'admin.order.detail') {
    const id = el.dataset.orderId?.trim();
    return id ? `${loc.uiBase}#/order/${encodeURIComponent(id)}?${host}` : null;
  }
  if (point === 'admin.order.list') {
    const ids = (el.dataset.orderIds ?? '').split(',').map((s) => s.trim()).filter(Boolean).slice(0, 200);
    return `${loc.uiBase}#/badges?ids=${ids.map(encodeURIComponent).join(',')}&${host}`;
  }
  const tab = el.dataset.tab?.trim();
  return `${loc.uiBase}#/app${tab ? `/${encodeURIComponent(tab)}` : ''}?${host}`;
}

export function createFrame(loc: AppLocation, el: HTMLElement, hostOrigin: string): MountedFrame | null {
  const point = el.getAttribute(ATTR_POINT);
  if (!isPoint(point)) return null;
  const src = frameUrl(loc, point, el, hostOrigin);
  if (!src) return null;
  const frame = document.createElement('iframe');
  frame.className = 'clx-frame';
  frame.title = el.dataset.title || TITLES[point];
  frame.style.height = `${INITIAL_HEIGHT[point]}px`;
  // Clipboard for the copy button; no top navigation, no popups beyond what a panel needs.
  frame.allow = 'clipboard-write';
  frame.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-forms allow-popups');
  frame.src = src;
  el.replaceChildren(frame);
  return { point, host: el, frame };
}
