import { expect, test } from './fixtures/brokers';

test('a retained message is flagged "retained" in its row and "Retain yes" in the inspector', async ({
  viewer,
  inspector,
  broker,
  publisher,
  topicPrefix,
}) => {
  // GIVEN a retained status message already held by the broker
  await publisher.publish(`${topicPrefix}/status/gerrit`, '{"state":"online"}', { retain: true, qos: 1 });

  // WHEN the viewer subscribes, and a live message follows
  await viewer.open();
  await viewer.connectTo(broker.wsUrl);
  await viewer.subscribeGranted(`${topicPrefix}/#`);
  const retainedRow = viewer.row(`${topicPrefix}/status/gerrit`);
  await expect(retainedRow).toBeVisible();
  await publisher.publish(`${topicPrefix}/events/live`, '{"state":"live"}');
  const liveRow = viewer.row(`${topicPrefix}/events/live`);
  await expect(liveRow).toBeVisible();

  // THEN only the retained one carries the badge
  await expect(retainedRow.getByText('retained', { exact: true })).toBeVisible();
  await expect(liveRow.getByText('retained', { exact: true })).toHaveCount(0);

  // AND the inspector says Retain yes for it, no for the live one
  await viewer.openRow(`${topicPrefix}/status/gerrit`);
  await expect(inspector.field('Retain')).toHaveText('yes');
  await expect(inspector.field('QoS')).toHaveText('0');
  await viewer.openRow(`${topicPrefix}/events/live`);
  await expect(inspector.field('Retain')).toHaveText('no');
});
