import { expect, test } from './fixtures/brokers';

const topicOf = (prefix: string, i: number) => `${prefix}/j/${String(i).padStart(3, '0')}`;

test('scrolling up stops following and "Jump to latest" brings the tail back', async ({
  viewer,
  broker,
  publisher,
  topicPrefix,
  page,
}) => {
  // GIVEN a log with more messages than fit on screen, following the tail
  await viewer.open();
  await viewer.connectTo(broker.wsUrl);
  await viewer.subscribeGranted(`${topicPrefix}/#`);
  await publisher.burst(200, (i) => [topicOf(topicPrefix, i), `message ${i}`]);
  await viewer.expectReceived(200);
  await expect(viewer.row(topicOf(topicPrefix, 199))).toBeInViewport();
  await expect(viewer.jumpToLatest).toHaveCount(0);

  // WHEN the user scrolls to the top
  await viewer.log.hover();
  await page.mouse.wheel(0, -100_000);

  // THEN the oldest rows are shown and a "Jump to latest" control appears
  await expect(viewer.row(topicOf(topicPrefix, 0))).toBeInViewport();
  await expect(viewer.jumpToLatest).toBeVisible();

  // AND new messages do not pull the view away from what the user is reading
  await publisher.burst(5, (i) => [topicOf(topicPrefix, 200 + i), `message ${200 + i}`]);
  await viewer.expectReceived(205);
  await expect(viewer.row(topicOf(topicPrefix, 0))).toBeInViewport();
  await expect(viewer.row(topicOf(topicPrefix, 204))).not.toBeInViewport();

  // WHEN the user presses "Jump to latest"
  await viewer.jumpToLatest.click();

  // THEN the newest message is in view and the control goes away
  await expect(viewer.row(topicOf(topicPrefix, 204))).toBeInViewport();
  await expect(viewer.jumpToLatest).toHaveCount(0);
});

test('scrolled up, the rows being read stay put while the oldest messages leave the buffer', async ({
  viewer,
  broker,
  publisher,
  topicPrefix,
  page,
}) => {
  // GIVEN a 100-message buffer, full, and the user reading a row in the middle of it
  await viewer.open();
  await viewer.connectTo(broker.wsUrl);
  await viewer.subscribeGranted(`${topicPrefix}/#`);
  const size = page.getByRole('textbox', { name: 'Buffer size' });
  await size.fill('100');
  await size.press('Enter');
  await publisher.burst(200, (i) => [topicOf(topicPrefix, i), `message ${i}`]);
  await viewer.expectReceived(200);
  await viewer.log.hover();
  await page.mouse.wheel(0, -600);
  await expect(viewer.jumpToLatest).toBeVisible();
  // Once the scroll has come to rest: the row in the middle of the log is the one being read.
  let last = Number.NaN;
  await expect
    .poll(async () => {
      const top = await viewer.log.evaluate((el) => el.scrollTop);
      const resting = top === last;
      last = top;
      return resting;
    })
    .toBe(true);
  const box = await viewer.log.boundingBox();
  const topic = await page.evaluate(
    ([x, y]) =>
      document
        .elementFromPoint(x as number, y as number)
        ?.closest('[data-seq]')
        ?.querySelector('.c-topic')
        ?.getAttribute('title') ?? '',
    [(box?.x ?? 0) + (box?.width ?? 0) / 2, (box?.y ?? 0) + (box?.height ?? 0) / 2],
  );
  expect(topic).toMatch(/\/j\/1\d\d$/);
  const reading = viewer.row(topic);
  const y = (await reading.boundingBox())?.y;

  // WHEN 20 more arrive, pushing the 20 oldest out of the buffer (and every row up by 20 places)
  await publisher.burst(20, (i) => [topicOf(topicPrefix, 200 + i), `message ${200 + i}`]);
  await viewer.expectReceived(220);
  await expect.poll(() => page.evaluate(() => window.__firehoseStats?.evicted)).toBe(120);

  // THEN the row being read has not moved
  await expect.poll(async () => (await reading.boundingBox())?.y).toBe(y);
  await expect(reading).toBeInViewport();
});

test('following the tail, new rows are drawn in the frame that scrolls them into view', async ({
  viewer,
  broker,
  publisher,
  topicPrefix,
  page,
}) => {
  // GIVEN a log following the tail, a screenful of messages in it
  await viewer.open();
  await viewer.connectTo(broker.wsUrl);
  await viewer.subscribeGranted(`${topicPrefix}/#`);
  await publisher.burst(60, (i) => [topicOf(topicPrefix, i), `message ${i}`]);
  await viewer.expectReceived(60);
  // Just before each frame that grows the log is painted (after layout, so after the scroll to the new
  // end): is the bottom of the log covered by rows, or would the frame show an empty strip?
  await viewer.log.evaluate((log) => {
    const w = window as unknown as { frames: number; blank: number };
    w.frames = 0;
    w.blank = 0;
    const rows = log.querySelector('[role="grid"] > [role="rowgroup"]') as HTMLElement;
    new ResizeObserver(() => {
      w.frames++;
      const lowest = Math.max(
        ...Array.from(rows.querySelectorAll('[role="row"]'), (r) => r.getBoundingClientRect().bottom),
      );
      if (lowest < log.getBoundingClientRect().bottom - 30) w.blank++;
    }).observe(rows);
  });

  // WHEN messages arrive in bursts of 40 (more than the rows drawn beyond the screen's edge)
  for (let k = 1; k <= 5; k++) {
    await publisher.burst(40, (i) => [topicOf(topicPrefix, 20 + 40 * k + i), `message ${i}`]);
    await viewer.expectReceived(60 + 40 * k);
  }

  // THEN no frame showed the end of the log without its rows
  const seen = await page.evaluate(() => {
    const w = window as unknown as { frames: number; blank: number };
    return { frames: w.frames, blank: w.blank };
  });
  expect(seen.frames).toBeGreaterThanOrEqual(5);
  expect(seen.blank).toBe(0);
});
