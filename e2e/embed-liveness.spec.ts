import { expect, test } from './fixtures/brokers';

test('the widget turns amber when the feed goes quiet and red when the broker is down, then recovers', async ({
  page,
  startOwnBroker,
  topicPrefix,
}) => {
  // GIVEN a widget with stale=2 on a broker of its own
  const broker = await startOwnBroker();
  await page.goto(
    `/embed.html?broker=${encodeURIComponent(broker.wsUrl)}&sub=${encodeURIComponent(`${topicPrefix}/#`)}&stale=2`,
  );
  const indicator = page.getByRole('status');
  await expect(indicator).toHaveText(/^live/);

  // WHEN nothing arrives for two seconds THEN it says how long the feed has been quiet
  await expect(indicator).toHaveText(/^no events for \d+ s$/, { timeout: 8_000 });
  await expect(page.locator('.widget')).toHaveClass(/level-stale/);

  // WHEN the broker goes away THEN it says disconnected, and why
  const ports = broker.ports;
  await broker.stop();
  await expect(indicator).toHaveText(/^disconnected: (connection lost|broker unreachable)$/);
  await expect(page.locator('.widget')).toHaveClass(/level-down/);

  // WHEN the broker is back THEN the widget reconnects by itself
  await startOwnBroker({ ports });
  await expect(indicator).not.toHaveText(/^disconnected/, { timeout: 20_000 });
});
