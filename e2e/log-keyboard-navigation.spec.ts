import { expect, test } from './fixtures/brokers';

test('arrow keys move between rows and Enter opens the focused one', async ({
  viewer,
  inspector,
  broker,
  publisher,
  topicPrefix,
  page,
}) => {
  // GIVEN three messages in the log
  await viewer.open();
  await viewer.connectTo(broker.wsUrl);
  await viewer.subscribeGranted(`${topicPrefix}/#`);
  for (const n of [1, 2, 3]) await publisher.publish(`${topicPrefix}/k/${n}`, `message ${n}`);
  await expect(viewer.rows).toHaveCount(3);
  const row = (n: number) => viewer.row(`${topicPrefix}/k/${n}`);

  // WHEN the user tabs into the log: the newest row is the one in the tab order
  await expect(row(3)).toHaveAttribute('tabindex', '0');
  await row(3).focus();
  await expect(row(3)).toBeFocused();

  // THEN ArrowUp and ArrowDown move the focus one row at a time
  await page.keyboard.press('ArrowUp');
  await expect(row(2)).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(row(1)).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(row(2)).toBeFocused();

  // AND Enter opens the focused row in the inspector
  await page.keyboard.press('Enter');
  await expect(inspector.region).toBeVisible();
  await expect(inspector.field('Topic')).toHaveText(`${topicPrefix}/k/2`);
  await expect(row(2)).toHaveAttribute('aria-selected', 'true');
});
