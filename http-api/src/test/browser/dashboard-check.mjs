// Opens the customer-base dashboard in Debian's headless Chromium, driven by playwright-core, and
// prints what LocalApiBrowserIT checks as one JSON line on stdout:
//   - served: the page from the local API (status, console errors, charts, save list, KPIs),
//     and a score fetched from the same origin, as the shop's code would;
//   - offline: the same page opened from its file, with every request it made (none but itself);
//   - a full-page screenshot.
// Usage: node dashboard-check.mjs BASE_URL FILE CUSTOMER_ID AS_OF SCREENSHOT
import { chromium } from 'playwright-core';

const [base, file, customerId, asOf, screenshot] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  // As root in a container Chromium needs --no-sandbox; the rest stop it calling Google's
  // services, which a closed network refuses (noise in the console, slow starts).
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});

async function inspect(url) {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const errors = [];
  const requests = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('requestfailed', (r) => errors.push(`request failed: ${r.url()}`));
  page.on('request', (r) => requests.push(r.url()));
  const response = await page.goto(url, { waitUntil: 'load' });
  const charts = await page.$$eval('svg.chart', (svgs) => svgs.map((s) => {
    const box = s.getBoundingClientRect();
    return { id: s.id, width: box.width, height: box.height, bars: [...s.querySelectorAll('rect')].filter((r) => r.getBBox().width > 0).length };
  }));
  const saveList = await page.$$eval('#save-list tbody td.customer', (tds) => tds.map((t) => t.textContent.trim()));
  const kpis = await page.$$eval('.kpi', (ks) => Object.fromEntries(ks.map((k) => [k.id, k.querySelector('b').textContent.trim()])));
  const asOfShown = await page.$eval('#as-of', (e) => e.textContent.trim());
  return { page, result: { status: response ? response.status() : null, errors, requests, charts, saveList, kpis, asOf: asOfShown } };
}

const served = await inspect(`${base}/dashboard`);
served.result.score = await served.page.evaluate(async ([id, at]) => {
  const r = await fetch(`/customers/${encodeURIComponent(id)}/scores?asOf=${encodeURIComponent(at)}`, { method: 'POST' });
  return { status: r.status, body: await r.json() };
}, [customerId, asOf]);
await served.page.screenshot({ path: screenshot, fullPage: true });

const offline = await inspect(`file://${file}`);

console.log(JSON.stringify({ served: served.result, offline: offline.result }));
await browser.close();
