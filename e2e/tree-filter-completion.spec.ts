import { expect, test } from './fixtures/brokers';

test('the Topic filter field counts the known topics a filter matches and completes levels', async ({
  viewer,
  broker,
  publisher,
  topicPrefix,
  page,
}) => {
  const openstack = `${topicPrefix}/gerrit/openstack`;
  // GIVEN messages on three topics, two of them under gerrit/openstack
  await viewer.open({ broker: broker.wsUrl, sub: `${topicPrefix}/#` });
  await expect(viewer.subscription(`${topicPrefix}/#`)).toContainText('granted QoS 0');
  await publisher.publish(`${openstack}/nova`, 'nova');
  await publisher.publish(`${openstack}/neutron`, 'neutron');
  await publisher.publish(`${topicPrefix}/status/ci`, 'green');
  await viewer.expectReceived(3);
  const matches = page.getByTestId('filter-matches');

  // WHEN the user types a filter for the next level of openstack, before subscribing
  await viewer.topicFilter.fill(`${openstack}/+`);
  // THEN the field says how many known topics it matches
  await expect(matches).toHaveText(/^Matches 2 known topics · /);

  // WHEN the user types the whole prefix's subtree
  await viewer.topicFilter.fill(`${topicPrefix}/#`);
  // THEN all three topics match
  await expect(matches).toHaveText(/^Matches 3 known topics · /);

  // WHEN the user types part of a level
  await viewer.topicFilter.fill(`${topicPrefix}/gerrit/op`);
  // THEN the field's completion list offers the known level that completes it
  const listId = await viewer.topicFilter.getAttribute('list');
  expect(listId, 'the Topic filter field names a datalist').toBeTruthy();
  const options = page.locator(`datalist[id="${listId}"] > option`);
  await expect(options).toHaveCount(1);
  await expect(options).toHaveAttribute('value', openstack);
  // AND nothing was subscribed by typing
  await expect(viewer.subscriptions.getByRole('listitem')).toHaveCount(1);
});
