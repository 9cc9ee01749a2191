// Debian's Chromium for the browser tests, and the accessibility check every page they visit gets.
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const axePath = path.join(root, 'node_modules', 'axe-core', 'axe.min.js');

export function launchChromium() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

// No JavaScript error so far, and axe-core's WCAG 2.1 A/AA rules hold on the page as it is (the
// base of the French RGAA). The page's context must bypass CSP: axe is injected as a script.
export async function checkAccessible(page, pageErrors, what) {
  assert.deepEqual(pageErrors, [], `JavaScript errors before checking ${what}`);
  await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(
    () => axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }));
  const report = result.violations.map((v) =>
    `${v.id} (${v.impact}): ${v.help}\n` +
    v.nodes.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary}`).join('\n')).join('\n');
  assert.equal(result.violations.length, 0, `axe violations on ${what}:\n${report}`);
}
