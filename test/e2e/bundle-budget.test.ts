import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

/**
 * The order panel is what a merchant opens most, inside every order page: its JavaScript (the
 * entry and everything it loads before the first paint) stays within 150 KB gzipped, and the
 * app page stays out of it.
 */
const dist = fileURLToPath(new URL('../../dist/ui/', import.meta.url));
const BUDGET = 150 * 1024;

function entryScripts(): string[] {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const refs = [...html.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="\/ui\/([^"]+\.js)"/g)].map((m) => m[1]);
  return [...new Set(refs)];
}

describe('order panel bundle', () => {
  it(`loads at most ${BUDGET / 1024} KB of gzipped JavaScript, without the app page`, () => {
    const files = entryScripts();
    expect(files.length).toBeGreaterThan(0);
    const sizes = files.map((f) => gzipSync(readFileSync(join(dist, f))).length);
    const total = sizes.reduce((a, b) => a + b, 0);
    console.log(`[bundle] order panel JS: ${(total / 1024).toFixed(1)} KB gzip over ${files.length} file(s)`);
    expect(total).toBeLessThanOrEqual(BUDGET);
    expect(files.some((f) => f.includes('app-page'))).toBe(false);
    // The entry does not carry the validation library either (contracts are imported as types).
    expect(readFileSync(join(dist, files[0]), 'utf8')).not.toMatch(/ZodError/);
  });
});
