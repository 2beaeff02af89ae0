import { expect, test } from './fixtures/brokers';
import { TopicTreePage } from './pages/TopicTreePage';

test('Enter on a tree item filters the log to its subtree, and Enter again shows everything', async ({
  viewer,
  broker,
  publisher,
  topicPrefix,
  page,
}) => {
  const tree = new TopicTreePage(page);
  const id = topicPrefix.split('/')[1] as string;
  const filterBox = page.getByRole('searchbox', { name: 'Filter messages' });
  const urlFilter = () => new URL(page.url()).searchParams.get('filter');
  // GIVEN 5 messages under gerrit/openstack and one retained status
  await publisher.publish(`${topicPrefix}/status/ci`, 'green', { retain: true });
  await viewer.open({ broker: broker.wsUrl, sub: `${topicPrefix}/#` });
  await expect(viewer.subscription(`${topicPrefix}/#`)).toContainText('granted QoS 0');
  for (const n of [1, 2, 3]) await publisher.publish(`${topicPrefix}/gerrit/openstack/nova`, `nova ${n}`);
  for (const n of [1, 2]) await publisher.publish(`${topicPrefix}/gerrit/openstack/neutron`, `neutron ${n}`);
  await expect(viewer.rows).toHaveCount(6);

  // WHEN the user walks down the tree to openstack with the keyboard and presses Enter
  await tree.focus();
  await tree.walkDown(['test', id, 'gerrit', 'openstack']);
  await page.keyboard.press('Enter');

  // THEN the filter box and the link hold a topic term for the subtree
  const subtree = `topic:${topicPrefix}/gerrit/openstack/#`;
  await expect(filterBox).toHaveValue(subtree);
  await expect.poll(urlFilter, { message: 'filter= in the URL' }).toBe(subtree);
  // AND the log shows exactly the 5 openstack messages, not the status one
  await expect(viewer.rows).toHaveCount(5);
  await expect(viewer.row(`${topicPrefix}/gerrit/openstack/nova`)).toHaveCount(3);
  await expect(viewer.row(`${topicPrefix}/gerrit/openstack/neutron`)).toHaveCount(2);
  await expect(viewer.row(`${topicPrefix}/status/ci`)).toHaveCount(0);
  // AND openstack is the selected item, and still the active one
  await expect(tree.item('openstack', 4)).toHaveAttribute('aria-selected', 'true');
  await expect(tree.item('gerrit', 3)).toHaveAttribute('aria-selected', 'false');
  await expect(tree.tree).toBeFocused();

  // WHEN the user presses Enter on the selected item again
  await page.keyboard.press('Enter');

  // THEN the term is gone and the log shows everything again
  await expect(filterBox).toHaveValue('');
  await expect.poll(urlFilter, { message: 'filter= in the URL' }).toBeNull();
  await expect(viewer.rows).toHaveCount(6);
  await expect(viewer.row(`${topicPrefix}/status/ci`)).toHaveCount(1);
  await expect(tree.item('openstack', 4)).toHaveAttribute('aria-selected', 'false');
});

test('typing a letter in the tree moves to the next item whose name starts with it', async ({
  viewer,
  broker,
  publisher,
  topicPrefix,
  page,
}) => {
  const tree = new TopicTreePage(page);
  const id = topicPrefix.split('/')[1] as string;
  // GIVEN a tree with gerrit and status under the test's prefix
  await viewer.open({ broker: broker.wsUrl, sub: `${topicPrefix}/#` });
  await expect(viewer.subscription(`${topicPrefix}/#`)).toContainText('granted QoS 0');
  await publisher.publish(`${topicPrefix}/gerrit/openstack/nova`, 'nova');
  await publisher.publish(`${topicPrefix}/status/ci`, 'green');
  await expect(tree.item('test', 1)).toHaveAccessibleName(/^test, 2 messages, /);

  // WHEN the user walks down to gerrit, the first item below the prefix, and types `s`
  await tree.focus();
  await tree.walkDown(['test', id]);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await tree.expectActive('gerrit');
  await page.keyboard.press('s');

  // THEN status is the active item, and nothing was selected (the log is not filtered)
  await tree.expectActive('status');
  await expect(tree.item('status', 3)).toHaveClass(/\bactive\b/);
  await expect(tree.item('gerrit', 3)).not.toHaveClass(/\bactive\b/);
  await expect(page.getByRole('searchbox', { name: 'Filter messages' })).toHaveValue('');
});
