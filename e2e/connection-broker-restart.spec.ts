import { connectPublisher, expect, test } from './fixtures/brokers';

test('when the broker restarts the app reconnects, resubscribes and receives again', async ({
  viewer,
  startOwnBroker,
  topicPrefix,
}) => {
  // GIVEN a viewer receiving from a broker of this test's own
  const first = await startOwnBroker();
  await viewer.open();
  await viewer.connectTo(first.wsUrl);
  await viewer.subscribeGranted(`${topicPrefix}/#`);
  const before = await connectPublisher(first.tcpUrl);
  await before.publish(`${topicPrefix}/before`, 'before the restart');
  await before.end();
  await expect(viewer.row(`${topicPrefix}/before`)).toBeVisible();

  // WHEN the broker goes away
  await first.stop();

  // THEN the status says the app is reconnecting
  await expect(viewer.status).toHaveText(/^Reconnecting — /);
  await expect(viewer.disconnectButton).toBeVisible();

  // WHEN the broker comes back on the same ports
  const second = await startOwnBroker({ ports: first.ports });

  // THEN the app reconnects (backoff is 1 s doubling, so a few seconds at most) and resubscribes
  await viewer.expectConnected('5');
  await expect(viewer.subscription(`${topicPrefix}/#`)).toContainText('granted QoS 0');

  // AND new messages arrive, after the old one
  const after = await connectPublisher(second.tcpUrl);
  await after.publish(`${topicPrefix}/after`, 'after the restart');
  await after.end();
  await expect(viewer.row(`${topicPrefix}/after`)).toBeVisible();
  await expect(viewer.row(`${topicPrefix}/before`)).toBeVisible();
  await viewer.expectReceived(2);
});
