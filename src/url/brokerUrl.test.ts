import { describe, expect, it } from 'vitest';
import { redactBrokerUrl, validateBrokerUrl } from './brokerUrl';

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

describe('redactBrokerUrl', () => {
  it.each([
    ['ws://user:secret@127.0.0.1:1/', 'ws://***@127.0.0.1:1/'],
    ['wss://token-only@broker.example.org/mqtt?x=1', 'wss://***@broker.example.org/mqtt?x=1'],
    // Unparseable, and still redacted: the password has an @ and a space in it.
    ['ws://user:p@ss word@host/', 'ws://***@host/'],
    // The URL parser reads `ws:/` and `ws:` as `ws://`, so a secret can hide behind them too.
    ['ws:/user:secret@host', 'ws:/***@host'],
    ['WS:user:secret@host', 'WS:***@host'],
    ['http://user:secret@evil.example/', 'http://***@evil.example/'],
    ['user:secret@host', 'user:***@host'],
  ])('removes the credentials from %s', (input, redacted) => {
    expect(redactBrokerUrl(input)).toBe(redacted);
    expect(redactBrokerUrl(input)).not.toContain('secret');
  });

  it.each(['wss://broker.example.org/mqtt', 'ws://h/path@with-at', 'ws://h/?to=a@b', 'not a url', ''])(
    'leaves %s as it is: no credentials in it',
    (input) => {
      expect(redactBrokerUrl(input)).toBe(input);
    },
  );

  it('keeps credentials out of the error for a URL the parser refuses', () => {
    const result = validateBrokerUrl('ws://user:secret@[bad-host/');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).not.toContain('secret');
  });
});
