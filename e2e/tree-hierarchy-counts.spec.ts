import { expect, test } from './fixtures/brokers';
import { TopicTreePage } from './pages/TopicTreePage';

test('the topic tree shows the hierarchy with subtree counts, sorts by count and searches by name', async ({
  viewer,
  broker,
  publisher,
  topicPrefix,
  page,
}) => {
  const tree = new TopicTreePage(page);
  const id = topicPrefix.split('/')[1] as string;
  // GIVEN a retained status, and a viewer subscribed to the test's prefix
  await publisher.publish(`${topicPrefix}/status/ci`, 'green', { retain: true });
  await viewer.open({ broker: broker.wsUrl, sub: `${topicPrefix}/#` });
  await expect(viewer.subscription(`${topicPrefix}/#`)).toContainText('granted QoS 0');
  // AND 3 messages on nova and 2 on neutron
  for (const n of [1, 2, 3]) await publisher.publish(`${topicPrefix}/gerrit/openstack/nova`, `nova ${n}`);
  for (const n of [1, 2]) await publisher.publish(`${topicPrefix}/gerrit/openstack/neutron`, `neutron ${n}`);
  await viewer.expectReceived(6);

  // WHEN the user focuses the tree and walks down to openstack with the arrow keys, then opens it
  await tree.focus();
  await tree.walkDown(['test', id, 'gerrit', 'openstack']);
  await page.keyboard.press('ArrowRight');

  // THEN every item is named by its level and counts the messages of its whole subtree
  await expect(tree.item('test', 1)).toHaveAccessibleName(/^test, 6 messages, /);
  await expect(tree.item(id, 2)).toHaveAccessibleName(new RegExp(`^${id}, 6 messages, `));
  await expect(tree.item('gerrit', 3)).toHaveAccessibleName(/^gerrit, 5 messages, /);
  await expect(tree.item('openstack', 4)).toHaveAccessibleName(/^openstack, 5 messages, /);
  await expect(tree.item('openstack', 4)).toHaveAttribute('aria-expanded', 'true');
  await expect(tree.item('nova', 5)).toHaveAccessibleName(/^nova, 3 messages, /);
  await expect(tree.item('neutron', 5)).toHaveAccessibleName(/^neutron, 2 messages, /);
  await expect(tree.item('status', 3)).toHaveAccessibleName(/^status, 1 message, /);
  // AND the children of openstack are in name order, as a set of two
  await expect(tree.item('neutron', 5)).toHaveAttribute('aria-posinset', '1');
  await expect(tree.item('nova', 5)).toHaveAttribute('aria-posinset', '2');
  await expect(tree.item('nova', 5)).toHaveAttribute('aria-setsize', '2');

  // WHEN the user types `s` (type-ahead to status), opens it and moves to its child
  await page.keyboard.press('s');
  await tree.expectActive('status');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  // THEN ci is active, at level 4, and says its latest message was retained
  await tree.expectActive('ci');
  await expect(tree.item('ci', 4)).toHaveAccessibleName(/^ci, 1 message, .*, retained$/);
  await expect(tree.item('nova', 5)).not.toHaveAccessibleName(/retained/);

  // WHEN the user sorts by Count
  await tree.sort.selectOption({ label: 'Count' });
  // THEN the larger subtree comes first: nova (3) before neutron (2)
  await expect(tree.item('nova', 5)).toHaveAttribute('aria-posinset', '1');
  await expect(tree.item('neutron', 5)).toHaveAttribute('aria-posinset', '2');
  await expect
    .poll(() => tree.levelNames())
    .toEqual(['test', id, 'gerrit', 'openstack', 'nova', 'neutron', 'status', 'ci']);

  // WHEN the user searches the topics for neutron
  await tree.search.fill('neutron');
  // THEN only the path down to neutron is shown
  await expect.poll(() => tree.levelNames()).toEqual(['test', id, 'gerrit', 'openstack', 'neutron']);
  await expect(tree.item('neutron', 5)).toHaveAccessibleName(/^neutron, 2 messages, /);
});
