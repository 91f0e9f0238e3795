// Drives the evalwatch console in a real Chromium (playwright-core, the system's chromium).
// Input (environment): BASE_URL (reporting-service, e.g. http://127.0.0.1:8085), VIEWER_KEY, OPERATOR_KEY,
// RUN_A, RUN_B (two runs of one stream, B after A), ALERT_ID (an open alert that may be resolved by hand),
// OUT (folder for screenshots), CHROMIUM (default /usr/bin/chromium).
// Output: one JSON document on stdout: every page visited with its HTTP status, visible text, chart titles, axis
// titles and legend entries, and its screenshot's path. Assertions are the Java test's (ConsoleBrowserIT).
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const env = (name, fallback) => process.env[name] ?? fallback;
const base = env('BASE_URL').replace(/\/$/, '');
const out = env('OUT', 'target/console');
const runA = env('RUN_A');
const runB = env('RUN_B');
const alertId = env('ALERT_ID', '');
mkdirSync(out, { recursive: true });

const browser = await chromium.launch({
  executablePath: env('CHROMIUM', '/usr/bin/chromium'),
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run'],
});
const pages = [];

async function record(page, name, response) {
  const screenshot = join(out, `${name}.png`);
  await page.screenshot({ path: screenshot, fullPage: true });
  const charts = await page.$$eval('figure.chart', (figures) => figures.map((f) => ({
    title: f.querySelector('figcaption')?.textContent.trim(),
    axes: [...f.querySelectorAll('.axis-title')].map((t) => t.textContent.trim()),
    ticks: [...f.querySelectorAll('.tick')].map((t) => t.textContent.trim()),
    legend: [...f.querySelectorAll('.legend text')].map((t) => t.textContent.trim()),
    shapes: f.querySelectorAll('rect, circle, path.line, polygon.band').length,
  })));
  pages.push({
    name,
    url: page.url(),
    status: response ? response.status() : null,
    title: await page.title(),
    text: await page.innerText('body'),
    charts,
    screenshot,
  });
}

async function signIn(page, key, next) {
  await page.goto(`${base}/console/login?next=${encodeURIComponent(next)}`);
  await page.fill('input[name=key]', key);
  const [response] = await Promise.all([page.waitForNavigation(), page.click('form.login button[type=submit]')]);
  return response;
}

try {
  // without a key: a page is refused with a page saying why, and so is a form POST
  const anonymous = await (await browser.newContext()).newPage();
  await record(anonymous, 'refused-read', await anonymous.goto(`${base}/console/runs`));
  if (alertId) {
    await anonymous.goto(`${base}/console/login`);
    const [response] = await Promise.all([anonymous.waitForNavigation(), anonymous.evaluate(({ id }) => {
      const form = document.createElement('form');
      form.method = 'post';
      form.action = `/console/alerts/${id}/acknowledge`;
      const note = document.createElement('input');
      note.name = 'note';
      note.value = 'without a key';
      form.appendChild(note);
      document.body.appendChild(form);
      form.submit();
    }, { id: alertId })]);
    await record(anonymous, 'refused-post', response);
  }

  // a viewer reads every page, clicking through runs → report → stream
  const viewer = await (await browser.newContext({ viewport: { width: 1360, height: 900 } })).newPage();
  await record(viewer, 'runs', await signIn(viewer, env('VIEWER_KEY'), '/console/runs'));
  let [response] = await Promise.all([viewer.waitForNavigation(), viewer.click(`a[href="/console/runs/${runB}"]`)]);
  await record(viewer, 'report', response);
  const streamLink = await viewer.$('p.links a[href^="/console/streams/"]');
  if (streamLink) {
    [response] = await Promise.all([viewer.waitForNavigation(), streamLink.click()]);
    await record(viewer, 'stream', response);
  }
  await record(viewer, 'regression', await viewer.goto(`${base}/console/runs/${runB}/regression`));
  await record(viewer, 'compare', await viewer.goto(`${base}/console/compare?a=${runA}&b=${runB}`));
  await record(viewer, 'frontier', await viewer.goto(`${base}/console/frontier`));
  await record(viewer, 'alerts', await viewer.goto(`${base}/console/alerts`));

  if (alertId) {
    // a viewer's acknowledge is refused (403); an operator's goes through, then the operator resolves it
    const row = `tr[data-alert="${alertId}"]`;
    await viewer.fill(`${row} form[action$="/acknowledge"] input[name=note]`, 'looking into it');
    [response] = await Promise.all([viewer.waitForNavigation(), viewer.click(`${row} button.acknowledge`)]);
    await record(viewer, 'viewer-acknowledge', response);

    const operator = await (await browser.newContext({ viewport: { width: 1360, height: 900 } })).newPage();
    await signIn(operator, env('OPERATOR_KEY'), '/console/alerts');
    await operator.fill(`${row} form[action$="/acknowledge"] input[name=note]`, 'looking into it');
    await operator.fill(`${row} form[action$="/acknowledge"] input[name=by]`, 'e2e-operator');
    [response] = await Promise.all([operator.waitForNavigation(), operator.click(`${row} button.acknowledge`)]);
    await record(operator, 'operator-acknowledge', response);
    await operator.fill(`${row} form[action$="/resolve"] input[name=note]`, 'fixed upstream');
    [response] = await Promise.all([operator.waitForNavigation(), operator.click(`${row} button.resolve`)]);
    await record(operator, 'operator-resolve', response);
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify({ pages }, null, 2));
