import { expect, test } from './fixtures/brokers';

test('bidi overrides and zero-width characters in topics and payloads are shown as escapes, with a warning', async ({
  viewer,
  broker,
  publisher,
  topicPrefix,
}) => {
  // GIVEN a viewer subscribed to a hostile publisher's topics
  await viewer.open({ broker: broker.wsUrl, sub: `${topicPrefix}/#` });
  await viewer.expectConnected('5');
  await expect(viewer.subscription(`${topicPrefix}/#`)).toContainText('granted QoS 0');

  // WHEN it publishes a topic that a right-to-left override makes read as ".../alerts/ok", and a payload
  // with a zero-width space that makes "admin/login" look like another path
  await publisher.publish(`${topicPrefix}/hostile/\u202Eko/strela`, 'go to admin\u200B/login');

  // THEN the row shows what is really there, and marks it
  const row = viewer.rows.filter({ hasText: 'hostile/⟨U+202E⟩ko/strela' });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('go to admin⟨U+200B⟩/login');
  await expect(row.getByRole('img', { name: 'Contains hidden or control characters' })).toBeVisible();
  // AND no raw override character reaches the screen
  expect(await viewer.log.textContent()).not.toContain('\u202E');
});
