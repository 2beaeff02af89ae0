import { describe, expect, it } from 'vitest';
import { validateBrokerUrl } from './brokerUrl';

describe('validateBrokerUrl', () => {
  it('accepts ws and wss URLs with host, port and path', () => {
    expect(validateBrokerUrl('wss://firehose.example.org:443/mqtt')).toEqual({
      ok: true,
      url: 'wss://firehose.example.org/mqtt',
    });
    expect(validateBrokerUrl(' ws://127.0.0.1:9001 ')).toEqual({ ok: true, url: 'ws://127.0.0.1:9001/' });
  });

  it.each([
    ['javascript:alert(1)', /Unsupported scheme "javascript:"/],
    ['http://example.org/mqtt', /Unsupported scheme "http:"/],
    ['mqtt://example.org:1883', /Unsupported scheme "mqtt:"/],
    ['not a url', /Not a valid URL/],
    ['', /Enter a broker URL/],
    ['ws://user:pw@example.org/', /credentials/],
  ])('refuses %s with a clear message', (input, message) => {
    const result = validateBrokerUrl(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });
});
