import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../server/config/env';

const key = Buffer.alloc(32, 1).toString('base64');
const real = { CLARITY_APP_SECRET: 'whsec_dGVzdHNlY3JldA==', ENCRYPTION_KEY: key };

function problems(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('configuration', () => {
  it('defaults to demo mode on the embedded database', () => {
    const c = loadConfig({});
    expect(c.demo).toBe(true);
    expect(c.DATABASE_URL).toBe('file:./data/connector.db');
    expect(c.PORT).toBe(8787);
    expect(c.appUrl).toBe('http://localhost:8787');
    expect(c.encryptionKey).toHaveLength(32);
  });

  it('leaves demo mode when an app secret is set, and then needs an encryption key', () => {
    expect(loadConfig(real).demo).toBe(false);
    expect(problems({ CLARITY_APP_SECRET: real.CLARITY_APP_SECRET })).toMatch(/ENCRYPTION_KEY: required outside demo mode/);
    expect(loadConfig({ ...real, DEMO: '1' }).demo).toBe(true);
  });

  it.each([
    [{ DATABASE_URL: 'postgres://x' }, /DATABASE_URL: must be a file: path or a libsql/],
    [{ ENCRYPTION_KEY: 'short' }, /ENCRYPTION_KEY: must be 32 bytes encoded as base64/],
    [{ ENCRYPTION_KEY: Buffer.alloc(16).toString('base64') }, /ENCRYPTION_KEY: must be 32 bytes/],
    [{ PORT: 'eighty' }, /PORT:/],
    [{ PORT: '70000' }, /PORT:/],
    [{ SAGE100_COMPANY: 'abcd' }, /SAGE100_COMPANY: must be a 3-character Sage company code/],
    [{ SAGE100_GATEWAY_URL: 'gateway.local' }, /SAGE100_GATEWAY_URL: must be an http\(s\) URL/],
    [{ CLARITY_APP_SECRET: 'secret' }, /CLARITY_APP_SECRET: must look like whsec_/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL:/],
    [{ DEMO: 'yes' }, /DEMO:/],
  ])('names the variable and what it expects: %j', (env, message) => {
    expect(problems(env as Record<string, string>)).toMatch(message);
  });

  it('accepts libSQL server URLs unchanged', () => {
    for (const url of ['libsql://db.example.com', 'http://127.0.0.1:8080', 'https://db.example.com']) {
      expect(loadConfig({ DATABASE_URL: url }).DATABASE_URL).toBe(url);
    }
  });
});
