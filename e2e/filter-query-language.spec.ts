import { expect, test } from './fixtures/brokers';

/** A Gerrit-like event whose reviewer e-mail sits far past the 200-character row preview. */
function event(project: string, type: string, email: string, patchSet: number, approval: string): string {
  return JSON.stringify({
    type,
    change: { project, subject: 'x'.repeat(400), owner: { name: 'Owner', email: 'owner@example.org' } },
    patchSet: { number: patchSet },
    approvals: [{ type: approval, value: '2' }],
    author: { name: 'Jane Smith', email },
  });
}

test('the filter searches whole payloads, takes JSON field predicates and OR, counts matches, and keeps the last valid filter', async ({
  viewer,
  broker,
  publisher,
  topicPrefix,
}) => {
  // GIVEN three events, only one of which mentions a reviewer's e-mail (deep in the payload)
  await viewer.open({ broker: broker.wsUrl, sub: `${topicPrefix}/#` });
  await viewer.expectConnected('5');
  await expect(viewer.subscription(`${topicPrefix}/#`)).toContainText('granted QoS 0');
  await publisher.publish(
    `${topicPrefix}/gerrit/nova/comment-added`,
    event('openstack/nova', 'comment-added', 'reviewer@example.org', 3, 'Code-Review'),
  );
  await publisher.publish(
    `${topicPrefix}/gerrit/neutron/comment-added`,
    event('openstack/neutron', 'comment-added', 'someone@example.org', 5, 'Verified'),
  );
  await publisher.publish(
    `${topicPrefix}/gerrit/nova/change-merged`,
    event('openstack/nova', 'change-merged', 'someone@example.org', 1, 'Workflow'),
  );
  await viewer.expectReceived(3);
  const box = viewer.page.getByRole('searchbox', { name: 'Filter messages' });
  const count = viewer.page.getByLabel('Matching messages');

  // WHEN the user searches for the e-mail, which is not in any row's preview
  await box.fill('reviewer@example.org');
  await box.press('Enter');
  // THEN exactly that message matches, and the count says so
  await expect(count).toHaveText(/^1 of 3/);
  await expect(viewer.rows).toHaveCount(1);
  await expect(viewer.rows.first()).toContainText('gerrit/nova/comment-added');

  // WHEN a JSON field predicate and OR are used
  await box.fill('payload.patchSet.number>4 OR payload.approvals[].type=Workflow');
  await box.press('Enter');
  // THEN the neutron event (patch set 5) and the merge (Workflow) match
  await expect(count).toHaveText(/^2 of 3/);
  await expect(viewer.rows).toHaveCount(2);

  // WHEN the expression becomes invalid
  await box.fill('payload.patchSet.number>abc');
  await box.press('Enter');
  // THEN an inline error names the problem at its position, and the last valid filter stays applied
  const error = viewer.page.locator('#log-filter-error');
  await expect(error).toBeVisible();
  await expect(error.locator('mark')).toHaveText('abc');
  await expect(count).toHaveText(/^2 of 3/);
  await expect(viewer.page).toHaveURL(/filter=payload\.patchSet\.number%3E4/);
});
