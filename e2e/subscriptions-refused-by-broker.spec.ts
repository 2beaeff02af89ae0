import { AUTH_PASSWORD, AUTH_USER } from '../tools/mosquitto';
import { expect, test } from './fixtures/brokers';

test('a subscription the ACL forbids is shown as refused by the broker, the others granted', async ({
  viewer,
  broker,
  publisher,
  topicPrefix,
}) => {
  // GIVEN a viewer logged in on the listener whose ACL allows test/# and secure/# only
  await viewer.open();
  await viewer.connectTo(broker.authWsUrl as string, { username: AUTH_USER, password: AUTH_PASSWORD });

  // WHEN the user subscribes to a forbidden filter and to an allowed one
  await viewer.subscribe('forbidden/#');
  await viewer.subscribe(`${topicPrefix}/#`, 1);

  // THEN the forbidden one says the broker refused it, with the broker's reason
  await expect(viewer.subscription('forbidden/#')).toContainText('refused by broker (Not authorized)');
  // AND the allowed one is granted at the QoS asked for, and the connection stays up
  await expect(viewer.subscription(`${topicPrefix}/#`)).toContainText('granted QoS 1');
  await viewer.expectConnected('5');
  expect(await viewer.page.evaluate(() => window.__firehoseStats.subscribed)).toBe(1);

  // AND messages still flow on the granted one
  await publisher.publish(`${topicPrefix}/allowed`, 'still flowing', { qos: 1 });
  await expect(viewer.row(`${topicPrefix}/allowed`)).toBeVisible();
});
