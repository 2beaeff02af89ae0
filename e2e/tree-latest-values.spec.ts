import { expect, test } from './fixtures/brokers';

test('Latest values shows the newest message per topic, live, and marks a retained one', async ({
  viewer,
  broker,
  publisher,
  topicPrefix,
  page,
}) => {
  const ci = `${topicPrefix}/status/ci`;
  const build = `${topicPrefix}/status/build`;
  // GIVEN a retained status on one topic and two messages on another
  await publisher.publish(ci, 'green', { retain: true });
  await viewer.open({ broker: broker.wsUrl, sub: `${topicPrefix}/#` });
  await expect(viewer.subscription(`${topicPrefix}/#`)).toContainText('granted QoS 0');
  await publisher.publish(build, 'build 41 queued');
  await publisher.publish(build, 'build 41 running');
  await viewer.expectReceived(3);

  // WHEN the user switches the main view to Latest values
  await page.getByRole('tablist', { name: 'View' }).getByRole('tab', { name: 'Latest values' }).click();

  // THEN there is one row per topic, headed by its path
  const latest = page.getByRole('region', { name: 'Latest values' });
  const row = (topic: string) =>
    latest.getByRole('row').filter({ has: page.getByRole('rowheader', { name: topic, exact: true }) });
  await expect(latest.getByRole('rowheader')).toHaveText([build, ci]);
  // AND each shows its newest message and its count (cells: latest message, age, messages)
  await expect(row(build).getByRole('cell')).toHaveText(['build 41 running', /^\d+ s$/, '2']);
  // AND the retained one is marked retained; the live one is not
  await expect(row(ci).getByRole('cell').first()).toHaveText('retained green');
  await expect(row(ci).getByText('retained', { exact: true })).toBeVisible();
  await expect(row(build).getByText('retained', { exact: true })).toHaveCount(0);
  await expect(page.getByRole('log', { name: 'Message log' })).toHaveCount(0);

  // WHEN a new message arrives on the live topic
  await publisher.publish(build, 'build 41 passed');

  // THEN its row updates in place to the new message and count
  await expect(row(build).getByRole('cell')).toHaveText(['build 41 passed', /^\d+ s$/, '3']);
  await expect(latest.getByRole('rowheader')).toHaveCount(2);
});
