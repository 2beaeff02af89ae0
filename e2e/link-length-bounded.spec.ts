import { expect, test } from './fixtures/brokers';
import { ViewerPage } from './pages/ViewerPage';

const MAX_LINK_CHARS = 8_000;

test('a 50 kB filter is left out of the links, which stay under 8 kB and load', async ({
  page,
  context,
  request,
  viewer,
  broker,
  topicPrefix,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);

  // GIVEN a connected view with one subscription and a 50 kB filter (as pasted from a log)
  await viewer.open();
  await viewer.connectTo(broker.wsUrl);
  await viewer.subscribeGranted(`${topicPrefix}/gerrit/#`);
  const filter = 'gerrit/'.repeat(7_200);
  expect(filter.length).toBeGreaterThan(50_000);
  await page.getByRole('searchbox', { name: 'Filter messages' }).fill(filter);

  // WHEN the user copies the link
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByText('Shortened link copied')).toBeVisible();
  const link = await page.evaluate(() => navigator.clipboard.readText());

  // THEN the link is under 8 kB, holds everything but the filter, and the server accepts it
  expect(link.length).toBeLessThanOrEqual(MAX_LINK_CHARS);
  const url = new URL(link);
  expect(url.searchParams.get('filter')).toBeNull();
  expect(url.searchParams.getAll('sub')).toEqual([`${topicPrefix}/gerrit/#`]);
  expect((await request.get(link, { headers: { accept: 'text/html' } })).status()).toBe(200);

  // AND a notice says what was left out, and why
  await expect(viewer.notices.getByRole('listitem')).toContainText(
    /Copied without the filter: the link would be 5\d kB; links are kept under 8 kB so servers accept them/,
  );

  // AND the address bar is bounded the same way, so reloading the page works
  await expect
    .poll(() => new URL(page.url()).searchParams.getAll('sub'))
    .toEqual([`${topicPrefix}/gerrit/#`]);
  expect(page.url().length).toBeLessThanOrEqual(MAX_LINK_CHARS);
  expect(new URL(page.url()).searchParams.get('filter')).toBeNull();
  const reloaded = await page.reload();
  expect(reloaded?.status()).toBe(200);
  await expect(viewer.log).toBeVisible();

  // AND the copied link opens the view without the filter: connected and subscribed, no clicks
  const other = new ViewerPage(await context.newPage());
  const opened = await other.page.goto(link);
  expect(opened?.status()).toBe(200);
  await other.expectConnected('5');
  await expect(other.subscription(`${topicPrefix}/gerrit/#`)).toContainText('granted QoS 0');
  await expect(other.page.getByRole('searchbox', { name: 'Filter messages' })).toHaveValue('');
});

test('the Embed dialog says when the widget link leaves the filter out', async ({
  page,
  viewer,
  broker,
  topicPrefix,
}) => {
  // GIVEN a view with a broker, a subscription and a 50 kB filter
  await viewer.open();
  await viewer.brokerUrl.fill(broker.wsUrl);
  await viewer.subscribe(`${topicPrefix}/#`);
  await page.getByRole('searchbox', { name: 'Filter messages' }).fill('x/'.repeat(25_000));

  // WHEN the user opens the Embed dialog
  await page.getByRole('button', { name: 'Embed' }).click();
  const dialog = page.getByRole('dialog', { name: 'Embed this view' });

  // THEN the snippet's link is under 8 kB and the dialog says what it left out
  await expect(dialog).toContainText(
    /without the filter: the link would be 5\d kB; links are kept under 8 kB/,
  );
  const snippet = await dialog.getByRole('textbox', { name: 'Embed code' }).inputValue();
  const src = /src="([^"]+)"/.exec(snippet)?.[1]?.replace(/&amp;/g, '&') ?? '';
  expect(src).toContain('/embed.html?');
  expect(src.length).toBeLessThanOrEqual(MAX_LINK_CHARS);
  expect(new URL(src).searchParams.getAll('sub')).toEqual([`${topicPrefix}/#`]);
  expect(new URL(src).searchParams.get('filter')).toBeNull();
});
