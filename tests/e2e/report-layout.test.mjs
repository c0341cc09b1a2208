// The report on a phone: what to do first at the top (一键修复可以解决 / 需要重拍 / 请你确认), the
// full list folded, only the marks of rows that did not pass drawn on the picture, one row's marks
// on request. Page heights on a 390×844 viewport are printed (the target is ≤ 2,500 px after a
// photo is checked, before details are opened).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, withPage, fixture, fmt, frames } from './harness.mjs';

const T = { timeout: 240_000 };
const PHONE = { width: 390, height: 844 };
let env;
before(async () => {
  env = await setup();
});
after(async () => {
  await env?.close();
});

/** A phone from the first paint: the page decides what to fold when it renders. */
async function asPhone(s) {
  await s.page.setViewportSize(PHONE);
  await s.page.reload({ waitUntil: 'load' });
  await s.page.waitForSelector('select[name="profile"]', { state: 'attached' });
}

const pageHeight = (page) => page.evaluate(() => document.documentElement.scrollHeight);

/** The groups at the top of a report: remedy → the ids of its rows (the fix group: its line). */
const groups = (page, which) =>
  page.evaluate((which) => {
    const out = {};
    for (const g of document.querySelectorAll(`[data-report="${which}"] [data-group]`)) {
      const steps = [...g.querySelectorAll('[data-step]')].map((e) => e.getAttribute('data-step'));
      out[g.getAttribute('data-group')] = steps.length ? steps : [g.innerText];
    }
    return out;
  }, which);

/** The marks a person sees on the checked picture: id → status, for marks actually displayed. */
const visibleMarks = (page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('.preview [data-testid="marks-overlay"] [data-mark]')]
      .filter((g) => getComputedStyle(g).display !== 'none')
      .map((g) => [g.getAttribute('data-mark'), g.getAttribute('data-status')]),
  );

test('a real-face photo on a phone: next steps first, rows folded, page height printed', T, () =>
  withPage(env, '#/photo', async (s) => {
    await asPhone(s);
    const r = await s.upload('photo-input', fixture('face-phone.jpg'));
    assert.equal(r.content?.state, 'ready', fmt(r));
    const g = await groups(s.page, 'input');
    console.log(`# face-phone.jpg groups: ${JSON.stringify(g)}`);
    // 4032×3024-style phone picture: the size rows are for the fix, not a retake.
    assert.ok(g.fix?.[0].includes('像素尺寸'), `the fix group names the pixel size: ${JSON.stringify(g)}`);
    for (const id of ['image.dimensions', 'file.size']) assert.ok(!(g.retake ?? []).includes(id), `${id} is not a retake`);
    const open = await s.page.$eval('[data-report="input"] [data-testid="all-checks"]', (d) => d.open);
    assert.equal(open, false, 'the full list is folded on a phone');
    const height = await pageHeight(s.page);
    console.log(`layout photo-checked viewport=390x844 height_px=${height}`);
    assert.ok(height <= 2500, `page after checking a photo is ${height} px tall on a phone (target ≤ 2,500)`);

    const fixed = await s.fix();
    assert.equal(fixed.content?.state, 'ready', fmt(fixed));
    const after = await groups(s.page, 'fixed');
    assert.equal(after.fix, undefined, `nothing left for the fix after fixing: ${JSON.stringify(after)}`);
    console.log(`layout photo-fixed viewport=390x844 height_px=${await pageHeight(s.page)} groups=${JSON.stringify(after)}`);
  }),
);

test('the picture shows the marks of rows that did not pass; all on request; one row on request', T, () =>
  withPage(env, '#/photo', async (s) => {
    const r = await s.upload('photo-input', fixture('face-white-background.jpg'));
    assert.equal(r.content?.state, 'ready', fmt(r));
    const all = await s.page.$$eval('.preview [data-testid="marks-overlay"] [data-mark]', (gs) => gs.length);
    const shown = await visibleMarks(s.page);
    assert.ok(shown.length > 0 && shown.length < all, `some, not all, of ${all} marks shown: ${JSON.stringify(shown)}`);
    assert.ok(shown.every(([, st]) => st !== 'pass'), `only marks of rows not passed: ${JSON.stringify(shown)}`);
    assert.ok(shown.some(([id]) => id === 'background.color'), `the background mark is shown: ${JSON.stringify(shown)}`);

    await s.page.check('.preview .marks-toggle input');
    await frames(s.page);
    assert.equal((await visibleMarks(s.page)).length, all, 'every mark with 显示全部标注');
    await s.page.uncheck('.preview .marks-toggle input');

    // 在图上标出 on the background row: its marks alone; again: back to the default.
    const locate = s.page.locator('[data-report="input"] [data-step="background.color"] button.locate');
    await locate.click();
    await frames(s.page);
    const focused = await visibleMarks(s.page);
    assert.ok(focused.length > 0 && focused.every(([id]) => id === 'background.color'), JSON.stringify(focused));
    assert.equal(await locate.getAttribute('aria-pressed'), 'true');
    await locate.click();
    await frames(s.page);
    assert.deepEqual(await visibleMarks(s.page), shown, 'the default marks again');
  }),
);

test('a phone photo of the card: the fix straightens it, and the steps say so', T, () =>
  withPage(env, '#/document', async (s) => {
    await asPhone(s);
    const r = await s.upload('document-input', fixture('document-phone.jpg'));
    const g = await groups(s.page, 'input');
    console.log(`# document-phone.jpg groups: ${JSON.stringify(g)} (${fmt(r)})`);
    assert.ok(g.fix?.[0].includes('像素尺寸'), `the fix group names the pixel size: ${JSON.stringify(g)}`);
    assert.ok(!(g.retake ?? []).includes('card.level'), 'a tilted card is for the fix, not a retake');
    console.log(`layout document-checked viewport=390x844 height_px=${await pageHeight(s.page)}`);
  }),
);
