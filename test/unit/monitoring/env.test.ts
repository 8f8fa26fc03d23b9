import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../server/config/env';

/** The monitoring variables of the environment: validated at start, with defaults that fit production. */
describe('monitoring configuration', () => {
  it('has production defaults and no notifications unless ALERT_WEBHOOK_URL is set', () => {
    const c = loadConfig({ DEMO: '1' });
    expect(c.ALERT_WEBHOOK_URL).toBeUndefined();
    expect(c).toMatchObject({ MONITOR_INTERVAL_MS: 60_000, ALERT_GATEWAY_DOWN_MS: 300_000, ALERT_QUEUE_WAIT_MS: 900_000, ALERT_WEBHOOK_WINDOW_MS: 1_800_000 });
  });

  it('takes an http(s) webhook URL and refuses anything else, naming the variable', () => {
    expect(loadConfig({ DEMO: '1', ALERT_WEBHOOK_URL: 'https://hooks.slack.example/services/T0/B0/x' }).ALERT_WEBHOOK_URL)
      .toBe('https://hooks.slack.example/services/T0/B0/x');
    for (const bad of ['ftp://hooks.example/x', 'hooks.example/x', 'not a url']) {
      expect(() => loadConfig({ DEMO: '1', ALERT_WEBHOOK_URL: bad })).toThrow(ConfigError);
      expect(() => loadConfig({ DEMO: '1', ALERT_WEBHOOK_URL: bad })).toThrow(/ALERT_WEBHOOK_URL: must be an http\(s\) URL/);
    }
    expect(() => loadConfig({ DEMO: '1', MONITOR_INTERVAL_MS: '10' })).toThrow(/MONITOR_INTERVAL_MS/);
  });
});
