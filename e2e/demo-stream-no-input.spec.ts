import { expect, test } from './fixtures/brokers';
import { DEMO_URL } from './fixtures/servers';

test('the npm start demo shows a live stream with no input', async ({ viewer, page }) => {
  // Vite's dev server transforms modules on the first request; allow for a cold start.
  test.setTimeout(60_000);

  // GIVEN the dev server with its embedded demo broker and publisher
  // WHEN a new user opens it and does nothing
  await page.goto(DEMO_URL);

  // THEN it has connected to the demo broker (3.1.1-only, so through the Auto fallback) with `#`
  await expect(viewer.status).toHaveText(/^Connected · MQTT 3\.1\.1 · /, { timeout: 30_000 });
  await expect(viewer.subscription('#')).toContainText('granted QoS 0');

  // AND events flow: retained status topics at once, then Gerrit-style events
  await expect(viewer.row(/status\/(gerrit|zuul|ci)/).first()).toBeVisible();
  await expect(viewer.row('gerrit/').first()).toBeVisible({ timeout: 20_000 });

  // AND the Messages received figure keeps growing
  await expect.poll(() => viewer.received()).toBeGreaterThan(0);
  const seen = await viewer.received();
  await expect.poll(() => viewer.received(), { timeout: 20_000 }).toBeGreaterThan(seen);
});
