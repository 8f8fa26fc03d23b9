/**
 * The postMessage protocol between the extension (running in the Clarity admin page) and the
 * frames of ui/ it creates. Plain types and guards, no runtime dependencies: the extension is
 * dependency-free and imports only this file.
 *
 * Frame → extension (posted to window.parent, targetOrigin = the host origin the frame was given):
 *   { type: 'clarity:session-token', requestId? }   ask for a fresh session token
 *   { type: 'clarity:resize', height }              the frame's content height in CSS pixels
 *   { type: 'clarity:toast', message, tone? }       show a short notice in the host page
 *   { type: 'clarity:badges', badges: [...] }       order-list badges to draw in the host's row slots
 *
 * Extension → frame (posted to the frame's window, targetOrigin = the app's origin):
 *   { type: 'clarity:session-token', token, requestId? }   the token (contracts/clarity.md §4)
 *   { type: 'clarity:session-token', error, requestId? }   the host could not give one
 *
 * The extension accepts a message only when event.source is one of its own frames AND
 * event.origin is the app's origin; a frame accepts a token only from window.parent and the host
 * origin it was given in its URL (`host=` in the hash query).
 */
export const MSG_SESSION_TOKEN = 'clarity:session-token';
export const MSG_RESIZE = 'clarity:resize';
export const MSG_TOAST = 'clarity:toast';
export const MSG_BADGES = 'clarity:badges';

export type ToastTone = 'info' | 'success' | 'error';
export type BadgeTone = 'ok' | 'pending' | 'warn' | 'error' | 'muted';

export interface BadgeMessageItem {
  orderId: string;
  label: string;
  tone: BadgeTone;
  /** Longer text for the badge's tooltip (e.g. the Sage order number or the hold reason). */
  title?: string;
}

export type FrameToHostMessage =
  | { type: typeof MSG_SESSION_TOKEN; requestId?: string }
  | { type: typeof MSG_RESIZE; height: number }
  | { type: typeof MSG_TOAST; message: string; tone?: ToastTone }
  | { type: typeof MSG_BADGES; badges: BadgeMessageItem[] };

export type HostToFrameMessage =
  | { type: typeof MSG_SESSION_TOKEN; token: string; requestId?: string }
  | { type: typeof MSG_SESSION_TOKEN; error: string; requestId?: string };

/** The extension points of manifest.json this app fills. */
export const EXTENSION_POINTS = ['admin.order.detail', 'admin.order.list', 'admin.app'] as const;
export type ExtensionPoint = (typeof EXTENSION_POINTS)[number];

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** Validates a message from a frame; anything malformed is ignored by the caller. */
export function parseFrameMessage(data: unknown): FrameToHostMessage | null {
  if (!isObj(data) || typeof data.type !== 'string') return null;
  switch (data.type) {
    case MSG_SESSION_TOKEN:
      return { type: MSG_SESSION_TOKEN, requestId: typeof data.requestId === 'string' ? data.requestId.slice(0, 64) : undefined };
    case MSG_RESIZE:
      return typeof data.height === 'number' && Number.isFinite(data.height) && data.height >= 0
        ? { type: MSG_RESIZE, height: Math.min(Math.ceil(data.height), 20_000) } : null;
    case MSG_TOAST: {
      if (typeof data.message !== 'string' || !data.message) return null;
      const tone = data.tone === 'success' || data.tone === 'error' ? data.tone : 'info';
      return { type: MSG_TOAST, message: data.message.slice(0, 300), tone };
    }
    case MSG_BADGES: {
      if (!Array.isArray(data.badges)) return null;
      const badges: BadgeMessageItem[] = [];
      for (const b of data.badges.slice(0, 500)) {
        if (!isObj(b) || typeof b.orderId !== 'string' || typeof b.label !== 'string') continue;
        const tone = (['ok', 'pending', 'warn', 'error', 'muted'] as const).find((t) => t === b.tone) ?? 'muted';
        badges.push({ orderId: b.orderId, label: b.label.slice(0, 40), tone, title: typeof b.title === 'string' ? b.title.slice(0, 200) : undefined });
      }
      return { type: MSG_BADGES, badges };
    }
    default:
      return null;
  }
}

/** Validates a message from the host; used by the frames. */
export function parseHostMessage(data: unknown): HostToFrameMessage | null {
  if (!isObj(data) || data.type !== MSG_SESSION_TOKEN) return null;
  const requestId = typeof data.requestId === 'string' ? data.requestId : undefined;
  if (typeof data.token === 'string' && data.token) return { type: MSG_SESSION_TOKEN, token: data.token, requestId };
  if (typeof data.error === 'string') return { type: MSG_SESSION_TOKEN, error: data.error, requestId };
  return null;
}
