import { expect, test } from './fixtures/brokers';

test('unsubscribing stops the messages of that filter and only those', async ({
  viewer,
  broker,
  publisher,
  topicPrefix,
}) => {
  const gerrit = `${topicPrefix}/gerrit/#`;
  const pulp = `${topicPrefix}/pulp/#`;
  // GIVEN two subscriptions, both receiving, on a connection of the page's own (share=0): the wait for
  // the UNSUBACK reads the page's WebSocket frames, which Playwright does not see in a SharedWorker
  await viewer.open({ share: '0' });
  await viewer.connectTo(broker.wsUrl);
  await viewer.subscribeGranted(gerrit);
  await viewer.subscribeGranted(pulp);
  await publisher.publish(`${topicPrefix}/gerrit/comment-added`, 'before');
  await viewer.expectReceived(1);

  // WHEN the user unsubscribes from one (and the broker has acknowledged it)
  await viewer.unsubscribe(gerrit);
  // AND a message is published on it, then a sentinel on the filter still subscribed
  await publisher.publish(`${topicPrefix}/gerrit/change-merged`, 'after');
  await publisher.publish(`${topicPrefix}/pulp/sync/finish`, 'sentinel');

  // THEN the sentinel arrives (everything published before it has been delivered by now)
  await expect(viewer.row(`${topicPrefix}/pulp/sync/finish`)).toBeVisible();
  // AND the message on the unsubscribed filter never does
  await viewer.expectReceived(2);
  await expect(viewer.row(`${topicPrefix}/gerrit/change-merged`)).toHaveCount(0);
  await expect(viewer.subscriptions.getByRole('listitem')).toHaveCount(1);
});
