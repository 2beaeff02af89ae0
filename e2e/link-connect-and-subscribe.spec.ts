import { expect, test } from './fixtures/brokers';

test('a ?broker=…&sub=… link connects, subscribes and shows messages with no clicks', async ({
  viewer,
  broker,
  publisher,
  topicPrefix,
}) => {
  // GIVEN a retained message on the broker
  await publisher.publish(`${topicPrefix}/status/zuul`, '{"gate":3}', { retain: true });

  // WHEN the user opens a link naming the broker and two subscriptions (one at QoS 1)
  await viewer.open({
    broker: broker.wsUrl,
    sub: [`${topicPrefix}/status/#`, `${topicPrefix}/events/#@1`],
  });

  // THEN the form shows the link's broker, and the app connects and subscribes by itself
  await expect(viewer.brokerUrl).toHaveValue(`${broker.wsUrl}/`);
  await viewer.expectConnected('5');
  await expect(viewer.subscription(`${topicPrefix}/status/#`)).toContainText('granted QoS 0');
  await expect(viewer.subscription(`${topicPrefix}/events/#`)).toContainText('granted QoS 1');

  // AND the retained message is shown, and so is a live one
  await expect(viewer.row(`${topicPrefix}/status/zuul`)).toBeVisible();
  await publisher.publish(`${topicPrefix}/events/ref-updated`, '{"refName":"master"}', { qos: 1 });
  await expect(viewer.row(`${topicPrefix}/events/ref-updated`)).toBeVisible();
  await viewer.expectReceived(2);
});
