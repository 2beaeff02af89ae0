import { describe, expect, it } from 'vitest';
import { parseConfig } from './config';

describe('parseConfig', () => {
  it('reads broker, subscriptions (strings or objects), version and autoConnect', () => {
    const { config, errors } = parseConfig({
      broker: 'wss://firehose.example.org/mqtt',
      subscriptions: ['gerrit/#', { filter: 'pulp/#', qos: 1 }],
      mqttVersion: '3.1.1',
      autoConnect: true,
      bufferSize: 1000,
    });
    expect(errors).toEqual([]);
    expect(config).toEqual({
      broker: 'wss://firehose.example.org/mqtt',
      subscriptions: [
        { filter: 'gerrit/#', qos: 0 },
        { filter: 'pulp/#', qos: 1 },
      ],
      syntax: 'mqtt',
      mqttVersion: '3.1.1',
      autoConnect: true,
      bufferSize: 1000,
    });
  });

  it('reads "syntax": "amqp" and the subscriptions as binding patterns', () => {
    const { config, errors } = parseConfig({
      broker: 'ws://127.0.0.1:15675/ws',
      syntax: 'amqp',
      subscriptions: ['pulp.server.repo.*.finish', 'gerrit/#'],
    });
    expect(config.syntax).toBe('amqp');
    expect(config.subscriptions).toEqual([{ filter: 'pulp.server.repo.*.finish', qos: 0 }]);
    expect(errors).toHaveLength(1);
    expect(parseConfig({ syntax: 'stomp' }).errors).toEqual(['syntax: must be "mqtt" or "amqp"']);
  });

  it('reports each bad field and keeps the rest', () => {
    const { config, errors } = parseConfig({
      broker: 'http://x',
      subscriptions: ['a/#/b', 'ok'],
      mqttVersion: 4,
    });
    expect(config.broker).toBeUndefined();
    expect(config.subscriptions).toEqual([{ filter: 'ok', qos: 0 }]);
    expect(config.autoConnect).toBe(false);
    expect(errors).toHaveLength(3);
    expect(errors[0]).toMatch(/^broker: Unsupported scheme/);
  });

  it('refuses a non-object', () => {
    expect(parseConfig([1, 2]).errors).toEqual(['config.json must hold a JSON object']);
  });
});
