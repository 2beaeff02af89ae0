import { expect, test } from './fixtures/brokers';

const INVALID: Array<{ filter: string; error: string }> = [
  { filter: 'a/#/b', error: "'#' must be the last level, but it is level 2 of 3" },
  { filter: 'a/b#', error: "Level 2 'b#' mixes '#' with other characters; '#' must be a level on its own" },
  { filter: 'a+/b', error: "Level 1 'a+' mixes '+' with other characters; '+' must be a level on its own" },
  { filter: '', error: 'Topic filter is empty' },
  { filter: 'x'.repeat(70_000), error: 'Topic filter is 70,000 bytes in UTF-8; the limit is 65,535 bytes' },
];

test('invalid topic filters get a specific inline error and are not added', async ({
  viewer,
  broker,
  topicPrefix,
}) => {
  // GIVEN a connected viewer with one valid subscription
  await viewer.open();
  await viewer.connectTo(broker.wsUrl);
  await viewer.subscribeGranted(`${topicPrefix}/#`);
  await expect(viewer.subscriptions.getByRole('listitem')).toHaveCount(1);
  const alert = viewer.page.getByRole('alert');

  for (const { filter, error } of INVALID) {
    await test.step(`filter ${JSON.stringify(filter.slice(0, 20))}`, async () => {
      // WHEN the user tries to subscribe to an invalid filter
      await viewer.subscribe(filter);

      // THEN the field explains exactly what is wrong
      await expect(alert).toHaveText(error);
      await expect(viewer.topicFilter).toHaveAttribute('aria-invalid', 'true');
      await expect(viewer.topicFilter).toHaveAccessibleDescription(error);
      // AND nothing is added: the list still holds only the valid subscription
      await expect(viewer.subscriptions.getByRole('listitem')).toHaveCount(1);
      await expect(viewer.subscription(`${topicPrefix}/#`)).toBeVisible();
    });
  }

  // WHEN the user corrects the filter THEN the error goes away and the subscription is added
  await viewer.subscribeGranted(`${topicPrefix}/a/+/b`);
  await expect(alert).toHaveCount(0);
  await expect(viewer.subscriptions.getByRole('listitem')).toHaveCount(2);
});
