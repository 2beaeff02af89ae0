import { widgetHeight } from '../src/embed/snippet';
import { expect, test } from './fixtures/brokers';

test('the Embed dialog gives a ready-to-paste iframe for the current view with a live preview', async ({
  page,
  viewer,
  broker,
  publisher,
  topicPrefix,
}) => {
  // GIVEN a connected view with one subscription
  await viewer.open({ broker: broker.wsUrl, sub: `${topicPrefix}/#` });
  await viewer.expectConnected('5');

  // WHEN the user opens Embed and sets rows, fields and a title
  await page.getByRole('button', { name: 'Embed' }).click();
  const dialog = page.getByRole('dialog', { name: 'Embed this view' });
  await dialog.getByRole('spinbutton', { name: 'Rows' }).fill('3');
  await dialog.getByRole('textbox', { name: 'Fields' }).fill('payload.type');
  await dialog.getByRole('textbox', { name: 'Title' }).fill('CI feed');

  // THEN the snippet is an iframe on embed.html carrying the view and the options
  const code = await dialog.getByRole('textbox', { name: 'Embed code' }).inputValue();
  expect(code).toMatch(/^<iframe src="[^"]+\/embed\.html\?[^"]+" title="CI feed" width="\d+" height="\d+"/);
  const src = new URL(/src="([^"]+)"/.exec(code)?.[1]?.replace(/&amp;/g, '&') ?? '');
  expect(src.searchParams.get('broker')).toBe(`${broker.wsUrl}/`);
  expect(src.searchParams.get('rows')).toBe('3');
  expect(src.searchParams.get('fields')).toBe('payload.type');

  // AND the live preview shows the widget with messages as they arrive
  const preview = dialog.frameLocator('iframe[title="Widget preview"]');
  await expect(preview.getByRole('status')).toHaveText(/live/);
  await publisher.publish(`${topicPrefix}/x`, '{"type":"ref-updated"}');
  await expect(preview.getByRole('cell', { name: 'ref-updated' })).toBeVisible();
});

test('the Embed dialog offers the status board and suggests the height its rows need', async ({
  page,
  viewer,
  broker,
  topicPrefix,
}) => {
  // GIVEN a connected view
  await viewer.open({ broker: broker.wsUrl, sub: `${topicPrefix}/#` });
  await viewer.expectConnected('5');

  // WHEN the user picks the status board with 4 rows, stale after 60 s, and names a host page
  await page.getByRole('button', { name: 'Embed' }).click();
  const dialog = page.getByRole('dialog', { name: 'Embed this view' });
  await dialog.getByRole('combobox', { name: 'Mode' }).selectOption('latest');
  await dialog.getByRole('spinbutton', { name: 'Rows' }).fill('4');
  await dialog.getByRole('textbox', { name: 'Stale after (seconds)' }).fill('60');
  await dialog
    .getByRole('textbox', { name: 'Host pages that may control it' })
    .fill('https://status.example.org');

  // THEN the snippet carries them, with the height of exactly 4 board rows
  const code = await dialog.getByRole('textbox', { name: 'Embed code' }).inputValue();
  const src = new URL(/src="([^"]+)"/.exec(code)?.[1]?.replace(/&amp;/g, '&') ?? '');
  expect(src.searchParams.get('mode')).toBe('latest');
  expect(src.searchParams.get('stale')).toBe('60');
  expect(src.searchParams.get('host')).toBe('https://status.example.org');
  expect(code).toContain(`height="${widgetHeight(4, 'latest')}"`);

  // AND the preview's widget fills that height exactly: no empty area under the rows, no scrollbar
  const preview = dialog.frameLocator('iframe[title="Widget preview"]');
  await expect(preview.getByRole('table', { name: 'Latest value per topic' })).toBeVisible();
  const box = await preview.locator('.widget').boundingBox();
  expect(Math.round(box?.height ?? 0)).toBe(widgetHeight(4, 'latest'));

  // WHEN a host origin is not an origin THEN the dialog says it left it out
  await dialog.getByRole('textbox', { name: 'Host pages that may control it' }).fill('status.example.org/x');
  await expect(dialog.getByText(/^Left out: status\.example\.org\/x: not an origin/)).toBeVisible();
});
