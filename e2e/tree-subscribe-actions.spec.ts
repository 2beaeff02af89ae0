import { expect, test } from './fixtures/brokers';
import { TopicTreePage } from './pages/TopicTreePage';

test('the toolbar after the tree subscribes to the active item’s next level, and unsubscribes again', async ({
  viewer,
  broker,
  publisher,
  topicPrefix,
  page,
}) => {
  const tree = new TopicTreePage(page);
  const id = topicPrefix.split('/')[1] as string;
  const openstack = `${topicPrefix}/gerrit/openstack`;
  const children = `${openstack}/+`;
  // GIVEN messages on two topics under gerrit/openstack, seen through a subscription to the prefix
  await viewer.open({ broker: broker.wsUrl, sub: `${topicPrefix}/#` });
  await expect(viewer.subscription(`${topicPrefix}/#`)).toContainText('granted QoS 0');
  await publisher.publish(`${openstack}/nova`, 'nova');
  await publisher.publish(`${openstack}/neutron`, 'neutron');
  await viewer.expectReceived(2);

  // WHEN the user walks down the tree to openstack
  await tree.focus();
  await tree.walkDown(['test', id, 'gerrit', 'openstack']);

  // THEN a toolbar for it offers its subtree and its next level (nothing was published to openstack itself)
  const toolbar = tree.toolbar(openstack);
  await expect(toolbar.getByRole('button')).toHaveText([
    `Subscribe to ${openstack}/#`,
    `Subscribe to ${children}`,
  ]);

  // WHEN the user tabs into the toolbar and presses `Subscribe to …/openstack/+`
  await page.keyboard.press('Tab');
  await expect(
    toolbar.getByRole('button', { name: `Subscribe to ${openstack}/#`, exact: true }),
  ).toBeFocused();
  await page.keyboard.press('Tab');
  const subscribeChildren = toolbar.getByRole('button', { name: `Subscribe to ${children}`, exact: true });
  await expect(subscribeChildren).toBeFocused();
  await page.keyboard.press('Enter');

  // THEN the broker grants it and it is listed with the others
  await expect(viewer.subscription(children)).toContainText('granted QoS 0');
  await expect(viewer.subscriptions.getByRole('listitem')).toHaveCount(2);
  // AND the toolbar now offers to unsubscribe it instead
  const unsubscribeChildren = toolbar.getByRole('button', { name: `Unsubscribe ${children}`, exact: true });
  await expect(unsubscribeChildren).toBeVisible();
  await expect(subscribeChildren).toHaveCount(0);

  // WHEN the user presses `Unsubscribe …/openstack/+` in the toolbar
  await unsubscribeChildren.press('Enter');

  // THEN the subscription is gone from the list, the prefix one stays, and the toolbar offers it again
  await expect(viewer.subscription(children)).toHaveCount(0);
  await expect(viewer.subscriptions.getByRole('listitem')).toHaveCount(1);
  await expect(viewer.subscription(`${topicPrefix}/#`)).toContainText('granted QoS 0');
  await expect(subscribeChildren).toBeVisible();
});
