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
