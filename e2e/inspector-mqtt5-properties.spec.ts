import { expect, test } from './fixtures/brokers';

test('MQTT 5 properties of a message are shown in the inspector', async ({
  viewer,
  inspector,
  broker,
  publisher,
  topicPrefix,
}) => {
  // GIVEN the viewer connected with MQTT 5 and subscribed
  await viewer.open();
  await viewer.connectTo(broker.wsUrl);
  await viewer.subscribeGranted(`${topicPrefix}/#`);

  // WHEN a message with content type, user properties, response topic, correlation data and expiry arrives
  await publisher.publish(`${topicPrefix}/rpc/request`, '{"op":"recheck","change":934512}', {
    properties: {
      contentType: 'application/json',
      userProperties: { source: 'zuul', tenant: 'openstack', trace: ['span-1', 'span-2'] },
      responseTopic: `${topicPrefix}/rpc/reply`,
      correlationData: Buffer.from('req-42'),
      messageExpiryInterval: 600,
    },
  });
  // and one without any properties
  await publisher.publish(`${topicPrefix}/plain`, 'no properties here');
  await viewer.openRow(`${topicPrefix}/rpc/request`);

  // THEN the inspector lists them
  await expect(inspector.properties).toBeVisible();
  await expect(inspector.field('Content type')).toHaveText('application/json');
  await expect(inspector.field('Response topic')).toHaveText(`${topicPrefix}/rpc/reply`);
  await expect(inspector.field('Correlation data')).toHaveText('req-42');
  // The broker counts down the expiry while it holds the message, so allow a second or two.
  await expect(inspector.field('Message expiry')).toHaveText(/^(600|599|598) s$/);
  await expect(inspector.userProperties).toBeVisible();
  await expect
    .poll(async () => (await inspector.userPropertyPairs()).sort())
    .toEqual(
      [
        ['source', 'zuul'],
        ['tenant', 'openstack'],
        ['trace', 'span-1'],
        ['trace', 'span-2'],
      ].sort(),
    );

  // AND a message without properties shows no properties section
  await viewer.openRow(`${topicPrefix}/plain`);
  await expect(inspector.field('Topic')).toHaveText(`${topicPrefix}/plain`);
  await expect(inspector.properties).toHaveCount(0);
});
