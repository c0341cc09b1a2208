// Accessibility: axe-core (run inside the page, no request leaves it) over every route, and over the
// states a visitor reaches most: a checked photo and document with their reports, the registration
// form filled with the sample data. Serious and critical violations fail; minor and moderate ones
// are printed so they stay visible.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { setup, withPage, manifest, fixture, frames } from './harness.mjs';

const require = createRequire(import.meta.url);
// Evaluated, not added as a <script>: the page's CSP allows only its own scripts, which is right.
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const M = manifest();
const T = { timeout: 180_000 };

let env;
before(async () => {
  env = await setup();
});
after(async () => {
  await env?.close();
});

/** Runs axe on the page as it is now; returns the violations as plain data. */
async function audit(page) {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    // WCAG 2.x A/AA plus axe's best practices; colour contrast is judged on the real CSS.
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    }));
  });
}

/** Prints every violation and fails on serious or critical ones. */
function judge(where, violations) {
  for (const v of violations) console.log(`# ${where}: [${v.impact}] ${v.id} — ${v.help} @ ${v.nodes.join(' | ')}`);
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(
    bad.map((v) => `${v.id}: ${v.nodes.join(' | ')}`),
    [],
    `${where}: serious or critical accessibility violations`,
  );
}

// #/camera without a camera (this browser has none): the message and the file input instead.
const ROUTES = ['#/', '#/photo', '#/document', '#/info', '#/password', '#/ready', '#/form', '#/class', '#/camera'];

for (const route of ROUTES) {
  test(`axe: ${route} as first opened has no serious or critical violations`, T, () =>
    withPage(env, route, async (s) => {
      await s.page.waitForSelector('main h1', { state: 'attached' });
      await frames(s.page);
      judge(route, await audit(s.page));
    }),
  );
}

test('axe: a checked photo and its report', T, () =>
  withPage(env, '#/photo', async (s) => {
    const r = await s.upload('photo-input', fixture('photo-wrong-size.jpg'));
    assert.ok(r.present, 'report shown');
    judge('#/photo with a report', await audit(s.page));
  }),
);

test('axe: a checked phone photo of the card and its report', T, () =>
  withPage(env, '#/document', async (s) => {
    await s.setIdNumber(M.id_number);
    const r = await s.upload('document-input', fixture('document-phone.jpg'));
    assert.ok(r.present, 'report shown');
    judge('#/document with a report', await audit(s.page));
  }),
);

test('axe: the registration form filled with the sample data', T, () =>
  withPage(env, '#/info', async (s) => {
    await s.page.locator('.reg-page button', { hasText: '填入示例数据' }).click();
    await s.page.waitForSelector('[data-testid="sample-badge"]');
    judge('#/info with sample data', await audit(s.page));
  }),
);

test('axe: the password coach with a typed password', T, () =>
  withPage(env, '#/password', async (s) => {
    const input = s.page.locator('input[type="password"]').first();
    await input.fill('Lan9-shu!qiao');
    judge('#/password with a password', await audit(s.page));
  }),
);
