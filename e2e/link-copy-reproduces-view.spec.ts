import { expect, test } from './fixtures/brokers';
import { ViewerPage } from './pages/ViewerPage';

test('Copy link copies the current view, and the link reproduces it in a new page', async ({
  page,
  context,
  viewer,
  broker,
  publisher,
  topicPrefix,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);

  // GIVEN a view built by hand: broker, two subscriptions (one at QoS 1), a log filter and a theme
  await viewer.open();
  await viewer.connectTo(broker.wsUrl, { username: 'someone', password: 'not-in-the-link' });
  await viewer.subscribeGranted(`${topicPrefix}/gerrit/#`);
  await viewer.subscribeGranted(`${topicPrefix}/pulp/+/finish`, 1);
  await page.getByRole('searchbox', { name: 'Filter messages' }).fill('merged');
  await page.getByRole('combobox', { name: 'Theme' }).selectOption('dark');

  // WHEN the user copies the link
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByText('Link copied')).toBeVisible();
  const link = await page.evaluate(() => navigator.clipboard.readText());

  // THEN the link holds the view in a stable order, and never the credentials
  const url = new URL(link);
  expect([...url.searchParams.keys()]).toEqual(['broker', 'sub', 'sub', 'filter', 'theme']);
  expect(url.searchParams.getAll('sub')).toEqual([
    `${topicPrefix}/gerrit/#`,
    `${topicPrefix}/pulp/+/finish@1`,
  ]);
  expect(link).not.toContain('someone');
  expect(link).not.toContain('not-in-the-link');
  // AND the address bar shows the same view
  await expect.poll(() => page.url()).toBe(link);

  // WHEN someone else opens it in a fresh page
  const other = new ViewerPage(await context.newPage());
  await other.page.goto(link);

  // THEN it connects, subscribes, filters and themes the same way with no clicks
  await other.expectConnected('5');
  await expect(other.subscription(`${topicPrefix}/gerrit/#`)).toContainText('granted QoS 0');
  await expect(other.subscription(`${topicPrefix}/pulp/+/finish`)).toContainText('granted QoS 1');
  await expect(other.page.getByRole('searchbox', { name: 'Filter messages' })).toHaveValue('merged');
  await expect(other.page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await publisher.publish(`${topicPrefix}/gerrit/nova/change-merged`, '{"type":"change-merged"}');
  await publisher.publish(`${topicPrefix}/gerrit/nova/comment-added`, '{"type":"comment-added"}');
  await expect(other.row('change-merged')).toBeVisible();
  await other.expectReceived(2);
  await expect(other.row('comment-added')).toHaveCount(0);
});
