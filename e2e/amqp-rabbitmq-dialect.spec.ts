import type { Page } from '@playwright/test';
import { expect, test as rabbitTest } from './fixtures/rabbitmq';
import type { ViewerPage } from './pages/ViewerPage';

// RabbitMQ's AMQP topic exchange, watched through its Web MQTT plugin with the AMQP topic syntax: routing keys
// and binding patterns use '.', `*` is exactly one word and `#` zero or more words anywhere. All tests in this
// file share one RabbitMQ (in order, in one worker: a second worker would boot a second broker); each test
// publishes below a first word of its own.

const test = rabbitTest.extend<{ word: string }>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern
  word: async ({}, use, testInfo) => {
    // One AMQP word ([a-z0-9] only: no '.', '*' or '#'), distinct per test, repetition and retry.
    const id = `${testInfo.testId}r${testInfo.repeatEachIndex}r${testInfo.retry}`;
    await use(`t${id.toLowerCase().replace(/[^a-z0-9]/g, '')}`);
  },
});

test.describe.configure({ mode: 'default' });

/** The four Pulp repository events of the issue, as routing keys below `word`. */
const pulpEvents = (word: string) => ({
  syncStart: `${word}.pulp.server.repo.sync.start`,
  syncFinish: `${word}.pulp.server.repo.sync.finish`,
  publishStart: `${word}.pulp.server.repo.publish.start`,
  publishFinish: `${word}.pulp.server.repo.publish.finish`,
});

const topicSyntax = (page: Page) => page.getByRole('combobox', { name: 'Topic syntax' });

/**
 * Opens `?broker=…&syntax=amqp&sub=<pattern>` and waits until the app is connected and RabbitMQ granted the
 * subscription: AMQP messages published before the binding exists are routed nowhere and lost.
 */
async function openAmqpLink(viewer: ViewerPage, wsUrl: string, pattern: string): Promise<void> {
  await viewer.open({ broker: wsUrl, syntax: 'amqp', sub: pattern });
  await viewer.expectConnected('3.1.1');
  await expect(viewer.subscription(pattern)).toContainText('granted QoS 0');
}

test('syntax=amqp with `*` shows exactly the matching routing keys, with dots, from a 3.1.1-only RabbitMQ', async ({
  viewer,
  inspector,
  rabbit,
  amqp,
  word,
  page,
}) => {
  const keys = pulpEvents(word);
  const pattern = `${word}.pulp.server.repo.*.finish`;

  // GIVEN a link that names RabbitMQ's Web MQTT endpoint, the AMQP syntax and a binding pattern with `*`
  await viewer.open({ broker: rabbit.wsUrl, syntax: 'amqp', sub: pattern });

  // THEN the syntax box shows AMQP, and with version Auto the app falls back to 3.1.1 when RabbitMQ closes
  // the socket on the MQTT 5 CONNECT, and says why
  await expect(topicSyntax(page)).toHaveValue('amqp');
  await expect(topicSyntax(page).getByRole('option', { selected: true })).toHaveText('AMQP');
  await expect(viewer.version).toHaveValue('auto');
  await expect(viewer.status).toHaveText(/^Connected · MQTT 3\.1\.1 · ws:\/\//);
  await viewer.connectionDetails.click();
  await expect(
    viewer.page.getByText('The broker closed the connection on MQTT 5; connected with MQTT 3.1.1'),
  ).toBeVisible();

  // AND the subscription is granted and shows the MQTT filter it went out as (exact, so not narrowed)
  const subscription = viewer.subscription(pattern);
  await expect(subscription).toContainText('granted QoS 0');
  await expect(subscription).toContainText(`sent as ${word}/pulp/server/repo/+/finish`);
  await expect(subscription).not.toContainText('narrowed');

  // WHEN the four repository events are published to amq.topic (a matching one last, so its arrival means
  // every earlier one has been delivered or dropped)
  for (const [event, key] of Object.entries(keys)) await amqp.publish(key, { event });

  // THEN the log shows exactly the two finish events, with dotted topics
  await expect(viewer.row(keys.publishFinish)).toBeVisible();
  await expect(viewer.row(keys.syncFinish)).toBeVisible();
  await expect(viewer.rows).toHaveCount(2);
  await expect(viewer.row(keys.syncStart)).toHaveCount(0);
  await expect(viewer.row(keys.publishStart)).toHaveCount(0);
  await expect(viewer.row(`${word}/`)).toHaveCount(0);
  await viewer.expectReceived(2);

  // AND the inspector shows the topic with dots as well
  await viewer.openRow(keys.syncFinish);
  await expect(inspector.field('Topic')).toHaveText(keys.syncFinish);
});

test('`#` matches zero or more words anywhere: sent as the broader filter and narrowed in the app', async ({
  viewer,
  rabbit,
  amqp,
  word,
}) => {
  const keys = pulpEvents(word);
  const pattern = `${word}.pulp.#.finish`;

  // GIVEN a link subscribing to a pattern with `#` in the middle
  await openAmqpLink(viewer, rabbit.wsUrl, pattern);

  // THEN the subscription says it went out as the broader MQTT filter and is narrowed here
  await expect(viewer.subscription(pattern)).toContainText(
    `sent as ${word}/pulp/#, narrowed here to the AMQP pattern`,
  );

  // WHEN the four events, a key where `#` stands for no word and one that does not end in `finish` are
  // published (a matching one last)
  const zeroWords = `${word}.pulp.finish`;
  const otherEnd = `${word}.pulp.a.b.start`;
  await amqp.publish(keys.syncStart, { event: 'syncStart' });
  await amqp.publish(keys.syncFinish, { event: 'syncFinish' });
  await amqp.publish(otherEnd, { event: 'otherEnd' });
  await amqp.publish(zeroWords, { event: 'zeroWords' });
  await amqp.publish(keys.publishStart, { event: 'publishStart' });
  await amqp.publish(keys.publishFinish, { event: 'publishFinish' });

  // THEN the log shows the two finish events and the zero-word key, and nothing else
  await expect(viewer.row(keys.publishFinish)).toBeVisible();
  await expect(viewer.row(keys.syncFinish)).toBeVisible();
  await expect(viewer.row(zeroWords)).toBeVisible();
  await expect(viewer.rows).toHaveCount(3);
  await expect(viewer.row(keys.syncStart)).toHaveCount(0);
  await expect(viewer.row(keys.publishStart)).toHaveCount(0);
  await expect(viewer.row(otherEnd)).toHaveCount(0);
  await viewer.expectReceived(3);
});

test('`*` in the last word: a publish.* pattern shows exactly the two publish events', async ({
  viewer,
  rabbit,
  amqp,
  word,
}) => {
  const keys = pulpEvents(word);
  const pattern = `${word}.pulp.server.repo.publish.*`;

  // GIVEN a link subscribing to every publish event
  await openAmqpLink(viewer, rabbit.wsUrl, pattern);
  await expect(viewer.subscription(pattern)).toContainText(`sent as ${word}/pulp/server/repo/publish/+`);

  // WHEN the four events are published (a matching one last)
  for (const [event, key] of Object.entries(keys)) await amqp.publish(key, { event });

  // THEN the log shows exactly the two publish events
  await expect(viewer.row(keys.publishFinish)).toBeVisible();
  await expect(viewer.row(keys.publishStart)).toBeVisible();
  await expect(viewer.rows).toHaveCount(2);
  await expect(viewer.row(keys.syncStart)).toHaveCount(0);
  await expect(viewer.row(keys.syncFinish)).toHaveCount(0);
  await viewer.expectReceived(2);
});

test('the topic tree splits routing keys on dots, level by level', async ({
  viewer,
  rabbit,
  amqp,
  word,
  page,
}) => {
  const keys = pulpEvents(word);
  const tree = page.getByRole('tree', { name: 'Topic tree' });
  const item = (label: string) => tree.getByRole('treeitem', { name: new RegExp(`^${label}, `) });

  // GIVEN the two finish events received through a `*` pattern
  await openAmqpLink(viewer, rabbit.wsUrl, `${word}.pulp.server.repo.*.finish`);
  for (const [event, key] of Object.entries(keys)) await amqp.publish(key, { event });
  await viewer.expectReceived(2);

  // WHEN the user focuses the tree and walks down it with the keyboard, expanding each level
  await expect(item(word)).toHaveAccessibleName(new RegExp(`^${word}, 2 messages, `));
  await tree.focus();
  for (const level of [word, 'pulp', 'server']) {
    await page.keyboard.press('ArrowRight'); // expand
    await expect(item(level)).toHaveAttribute('aria-expanded', 'true');
    await page.keyboard.press('ArrowDown'); // to its first child
  }
  await page.keyboard.press('ArrowRight');

  // THEN each dot-separated word is a level of its own, with the messages below it
  await expect(item('pulp')).toHaveAccessibleName(/^pulp, 2 messages, /);
  await expect(item('pulp')).toHaveAttribute('aria-level', '2');
  await expect(item('server')).toHaveAccessibleName(/^server, 2 messages, /);
  await expect(item('server')).toHaveAttribute('aria-level', '3');
  await expect(item('repo')).toHaveAccessibleName(/^repo, 2 messages, /);
  await expect(item('repo')).toHaveAttribute('aria-level', '4');
  await expect(item('repo')).toHaveAttribute('aria-expanded', 'true');
  await expect(item('publish')).toHaveAccessibleName(/^publish, 1 message, /);
  await expect(item('publish')).toHaveAttribute('aria-level', '5');
  await expect(item('sync')).toHaveAccessibleName(/^sync, 1 message, /);
  await expect(item('sync')).toHaveAttribute('aria-level', '5');

  // AND no level's name (before the first comma) holds a dot or a slash
  await expect(tree.getByRole('treeitem', { name: /^[^,]*[./]/ })).toHaveCount(0);
});

test('the log filter takes `topic:` in the AMQP syntax too', async ({ viewer, rabbit, amqp, word, page }) => {
  const keys = pulpEvents(word);

  // GIVEN all four events in the log
  await openAmqpLink(viewer, rabbit.wsUrl, `${word}.#`);
  for (const [event, key] of Object.entries(keys)) await amqp.publish(key, { event });
  await expect(viewer.rows).toHaveCount(4);

  // WHEN the user filters on an AMQP pattern with `*` words
  const filter = page.getByRole('searchbox', { name: 'Filter messages' });
  await filter.fill(`topic:${word}.pulp.*.*.sync.*`);
  await filter.press('Enter');

  // THEN only the two sync events are listed
  await expect(viewer.rows).toHaveCount(2);
  await expect(viewer.row(keys.syncStart)).toBeVisible();
  await expect(viewer.row(keys.syncFinish)).toBeVisible();
  await expect(viewer.row(`${word}.pulp.server.repo.publish.`)).toHaveCount(0);
});
