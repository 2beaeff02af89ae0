import { expect, test } from './fixtures/brokers';

const FLOOD = 5_000;
/**
 * The log re-renders at most once per animation frame, so a burst costs frames, not messages. 5,000
 * messages arrive here in one to three seconds (60–180 frames); 400 leaves room for a slow machine
 * while still failing loudly if the log ever renders per message.
 */
const RENDER_BUDGET = 400;

test('a burst of 5,000 messages is counted in full with far fewer log renders', async ({
  viewer,
  broker,
  publisher,
  topicPrefix,
  page,
}) => {
  test.setTimeout(60_000);
  // GIVEN a connected, subscribed viewer
  await viewer.open();
  await viewer.connectTo(broker.wsUrl);
  await viewer.subscribeGranted(`${topicPrefix}/#`);
  const rendersBefore = await viewer.renders();

  // WHEN 5,000 messages are published in one burst
  await publisher.burst(FLOOD, (i) => [
    `${topicPrefix}/gerrit/project-${i % 50}/comment-added`,
    JSON.stringify({ type: 'comment-added', seq: i, comment: 'Patch Set 3: Code-Review+2' }),
  ]);

  // THEN every one is received and buffered
  await expect.poll(() => viewer.received(), { timeout: 30_000 }).toBe(FLOOD);
  expect(
    await page.evaluate(() => {
      const s = window.__firehoseStats;
      return { received: s.received, buffered: s.buffered, evicted: s.evicted };
    }),
  ).toEqual({ received: FLOOD, buffered: FLOOD, evicted: 0 });

  // AND the log rendered a small fraction of that many times
  const renders = (await viewer.renders()) - rendersBefore;
  test.info().annotations.push({ type: 'log renders', description: `${renders} for ${FLOOD} messages` });
  expect(renders).toBeGreaterThan(0);
  expect(renders).toBeLessThan(RENDER_BUDGET);

  // AND only a window of rows exists in the DOM, ending at the newest message
  expect(await viewer.rows.count()).toBeLessThan(100);
  await expect(viewer.rows.filter({ hasText: `"seq":${FLOOD - 1},` })).toBeInViewport();
});
