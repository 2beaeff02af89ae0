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
