// Takes a real screenshot of a running viewer with Debian's Chromium: node scripts/screenshot.mjs URL OUT.png [waitSelector] [width] [height]
import { chromium } from 'playwright-core';

const [url, out, wait = '[role="log"] [data-seq]', width = '1440', height = '860'] = process.argv.slice(2);
if (!url || !out) {
  console.error('usage: node scripts/screenshot.mjs URL OUT.png [waitSelector] [width] [height]');
  process.exit(2);
}
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
try {
  const page = await browser.newPage({ viewport: { width: Number(width), height: Number(height) } });
  page.on('console', (m) => m.type() === 'error' && console.error('console:', m.text()));
  await page.goto(url);
  await page.locator(wait).first().waitFor({ timeout: 20_000 });
  if (process.env.CLICK) {
    await page.locator(process.env.CLICK).first().click();
  }
  if (process.env.SETTLE_MS) await page.waitForTimeout(Number(process.env.SETTLE_MS));
  await page.screenshot({ path: out });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
}
