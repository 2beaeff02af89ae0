import { expect, test } from './fixtures/brokers';

// Real-shaped payloads: Gerrit stream-events as germqtt publishes them, a Launchpad bug event as the
// demo stream carries it, and a Pulp 2 task notification.
const jane = { name: 'Jane Doe', email: 'jane@example.org', username: 'jdoe' };
const change = {
  project: 'openstack/nova',
  branch: 'master',
  id: 'I8473b95934b5732ac55d26311a706c9c2bde9940',
  number: 12345,
  subject: 'Fix the scheduler',
  owner: jane,
  url: 'https://review.opendev.org/c/openstack/nova/+/12345',
  status: 'NEW',
};
const patchSet = { number: 3, revision: 'a'.repeat(40), ref: 'refs/changes/45/12345/3', uploader: jane };
const COMMENT = {
  type: 'comment-added',
  author: jane,
  approvals: [{ type: 'Code-Review', description: 'Code-Review', value: '2', oldValue: '0' }],
  comment: 'Patch Set 3: Code-Review+2\n\nLooks good.',
  patchSet,
  change,
  eventCreatedOn: 1_700_000_000,
};
const MERGED = {
  type: 'change-merged',
  submitter: { name: 'Zuul' },
  newRev: 'b'.repeat(40),
  patchSet,
  change,
};
const BUG = {
  event: 'bug-status-changed',
  bug: {
    id: 2081234,
    title: 'Instance stuck in BUILD when placement is unreachable',
    status: 'Triaged',
    importance: 'High',
    web_link: 'https://bugs.launchpad.net/nova/+bug/2081234',
  },
  person: { name: 'jdoe', display_name: 'Jane Doe' },
  field: 'status',
  old_value: 'New',
  new_value: 'Triaged',
};
const PULP = {
  id: '65f1c0ffee',
  repo_id: 'epel-9-x86_64',
  importer_id: 'yum_importer',
  result: 'success',
  added_count: 12,
  summary: { content: { state: 'FINISHED' } },
  error_message: null,
};

test('rows say what happened: built-in summaries, a user template, a JSON field column and time formats', async ({
  viewer,
  broker,
  publisher,
  topicPrefix,
  page,
}) => {
  // A long walk through the log's setup (summaries, raw, templates, columns, time, reload).
  test.slow();
  // GIVEN a viewer subscribed to this test's topics
  await viewer.open();
  await viewer.connectTo(broker.wsUrl);
  await viewer.subscribeGranted(`${topicPrefix}/#`);

  // WHEN Gerrit, Launchpad and Pulp events arrive
  await publisher.publish(`${topicPrefix}/gerrit/openstack/nova/comment-added`, JSON.stringify(COMMENT));
  await publisher.publish(`${topicPrefix}/gerrit/openstack/nova/change-merged`, JSON.stringify(MERGED));
  await publisher.publish(`${topicPrefix}/launchpad/bugs/nova/bug-status-changed`, JSON.stringify(BUG));
  await publisher.publish(`${topicPrefix}/pulp/server/repo/sync/finish`, JSON.stringify(PULP));
  await publisher.publish(`${topicPrefix}/sensors/kitchen`, JSON.stringify({ temp: 21.5, unit: 'C' }));
  await expect(viewer.rows).toHaveCount(5);

  // THEN each row says what happened, beside its topic, under a header row
  await expect(viewer.log.getByRole('columnheader', { name: 'Message' })).toBeVisible();
  await expect(viewer.row('comment-added')).toContainText(
    'Jane Doe commented on 12345,3 (openstack/nova): Code-Review+2 — Fix the scheduler',
  );
  await expect(viewer.row('change-merged')).toContainText(
    'Zuul merged 12345,3 (openstack/nova) — Fix the scheduler',
  );
  await expect(viewer.row('bug-status-changed')).toContainText(
    'Jane Doe changed status of bug #2081234 (nova) from New to Triaged',
  );
  await expect(viewer.row('sync/finish')).toContainText('sync of epel-9-x86_64 finished');
  // AND a row's accessible name is short: time, topic and summary, not the JSON
  const name = await viewer.row('comment-added').getAttribute('aria-label');
  expect(name).toMatch(
    new RegExp(
      `^\\d\\d:\\d\\d:\\d\\d\\.\\d{3}, ${topicPrefix}/gerrit/openstack/nova/comment-added, Jane Doe commented on`,
    ),
  );
  expect(name).not.toContain('{');
  // AND the raw payload is one click away
  await page.getByRole('checkbox', { name: 'Show raw payloads' }).check();
  await expect(viewer.row('comment-added')).toContainText('{"type":"comment-added"');
  await page.getByRole('checkbox', { name: 'Show raw payloads' }).uncheck();
  await expect(viewer.row('comment-added')).toContainText('Jane Doe commented on');

  // WHEN the user adds a template for their own topics
  await page.getByText('Summaries', { exact: true }).click();
  await page.getByRole('textbox', { name: 'Topic pattern' }).fill(`${topicPrefix}/sensors/+`);
  await page
    .getByRole('textbox', { name: 'Summary template' })
    .fill('{topic[-1]} is {payload.temp} °{payload.unit}');
  await page.getByRole('button', { name: 'Add template' }).click();
  // THEN the row reads it
  await expect(viewer.row('sensors/kitchen')).toContainText('kitchen is 21.5 °C');
  // AND a broken template is refused with the reason
  await page.getByRole('textbox', { name: 'Topic pattern' }).fill('x/#');
  await page.getByRole('textbox', { name: 'Summary template' }).fill('{payload.temp');
  await page.getByRole('button', { name: 'Add template' }).click();
  await expect(page.getByRole('alert').filter({ hasText: "Unclosed '{'" })).toBeVisible();
  await page.getByText('Summaries', { exact: true }).click();

  // WHEN a JSON field is added as a column
  await page.getByText('Columns', { exact: true }).click();
  await page.getByRole('textbox', { name: 'JSON field' }).fill('payload.repo_id');
  await page.getByRole('button', { name: 'Add column' }).click();
  await page.getByText('Columns', { exact: true }).click();
  // THEN it has a header and each row its value
  await expect(viewer.log.getByRole('columnheader', { name: 'repo_id' })).toBeVisible();
  await expect(
    viewer.row('sync/finish').getByRole('gridcell', { name: 'epel-9-x86_64', exact: true }),
  ).toBeVisible();

  // WHEN a highlight rule is added: a broken filter is refused with the reason, a good one colours its rows
  await page.getByText('Highlights', { exact: true }).click();
  const highlightFilter = page.getByRole('textbox', { name: 'Highlight filter' });
  await highlightFilter.fill('topic:a/#/b');
  await page.getByRole('button', { name: 'Add highlight' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Highlight filter "topic:a/#/b"' })).toBeVisible();
  await expect(highlightFilter).toHaveAttribute('aria-invalid', 'true');
  await highlightFilter.fill('epel-9-x86_64');
  await page.getByRole('combobox', { name: 'Colour' }).selectOption('green');
  await page.getByRole('button', { name: 'Add highlight' }).click();
  await expect(page.getByRole('list', { name: 'Highlight rules' })).toContainText('green: epel-9-x86_64');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(viewer.row('sync/finish')).toHaveClass(/\bhl-green\b/);
  // AND removing it takes the colour away
  await page.getByRole('button', { name: 'Remove highlight epel-9-x86_64' }).click();
  await expect(viewer.row('sync/finish')).not.toHaveClass(/\bhl-green\b/);
  await page.getByText('Highlights', { exact: true }).click();

  // WHEN the time column is switched to UTC, then relative
  const time = viewer.row('sync/finish').getByRole('gridcell').first();
  await expect(time).toHaveText(/^\d\d:\d\d:\d\d\.\d{3}$/);
  await expect(time).toHaveAttribute('title', /\d{4}-\d\d-\d\dT/);
  await page.getByRole('combobox', { name: 'Time' }).selectOption('UTC');
  await expect(time).toHaveText(/^\d\d:\d\d:\d\d\.\d{3}Z$/);
  await page.getByRole('combobox', { name: 'Time' }).selectOption('Relative');
  await expect(time).toHaveText(/^\d+ s ago$/);

  // AND the setup survives a reload (saved settings)
  await page.reload();
  await expect(page.getByRole('combobox', { name: 'Time' })).toHaveValue('relative');
  await page.getByText('Summaries', { exact: true }).click();
  await expect(page.getByRole('list', { name: 'Summary templates' })).toContainText(
    '{topic[-1]} is {payload.temp}',
  );
});

test('the focused message stays focused and selected while the log follows the tail', async ({
  viewer,
  inspector,
  broker,
  publisher,
  topicPrefix,
}) => {
  // GIVEN a log with a few messages, one of them clicked (focused and selected)
  await viewer.open();
  await viewer.connectTo(broker.wsUrl);
  await viewer.subscribeGranted(`${topicPrefix}/#`);
  for (let n = 0; n < 3; n++) await publisher.publish(`${topicPrefix}/first/${n}`, `first ${n}`);
  await expect(viewer.rows).toHaveCount(3);
  const focused = viewer.row(`${topicPrefix}/first/1`);
  await viewer.openRow(`${topicPrefix}/first/1`);
  await expect(focused).toBeFocused();
  await expect(inspector.field('Topic')).toHaveText(`${topicPrefix}/first/1`);

  // WHEN enough messages arrive to scroll it far out of view (the log follows the tail)
  for (let n = 0; n < 150; n++) await publisher.publish(`${topicPrefix}/later/${n}`, `later ${n}`);
  await expect(viewer.row(`${topicPrefix}/later/149`)).toBeInViewport();

  // THEN the clicked row still has keyboard focus and is still the selected one
  await expect(focused).not.toBeInViewport();
  await expect(focused).toBeFocused();
  await expect(focused).toHaveAttribute('aria-selected', 'true');
  await expect(inspector.field('Topic')).toHaveText(`${topicPrefix}/first/1`);
});
