/**
 * Where the app lives, learnt from the script's own tag: the script is served at
 * {appUrl}/extension/extension.js, so the ui is at ../ui/ relative to it. Read once, at load,
 * because document.currentScript is only set while the script first runs.
 */
export interface AppLocation {
  origin: string;
  uiBase: string;
}

export function findAppLocation(script: HTMLOrSVGScriptElement | null, fallback: string): AppLocation {
  const el = script instanceof HTMLScriptElement ? script : null;
  const explicit = el?.dataset.appUrl;
  const base = explicit
    ? new URL('ui/', explicit.endsWith('/') ? explicit : `${explicit}/`)
    : new URL('../ui/', el?.src || fallback);
  return { origin: base.origin, uiBase: base.href };
}
