// Readiness (#/ready) and the confirmation form (#/form): the list starts not ready with one item per
// area linking to where it is fixed; loading the sample student, fixing a photo and a document and
// doing the password drill satisfies it step by step. The form is then printed by Chromium to an A4
// PDF; pdftotext / pdfinfo / pdfimages (poppler) check that every entered value is in it, the page
// count (1 for the sample, ≤ 2 with a long history), the embedded photo, and that the rehearsal
// password is nowhere. withPage also asserts that nothing left the origin.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { setup, withPage, fixture, frames, OUT, readState } from './harness.mjs';

const T = { timeout: 240_000 };
/** Typed in the password drill only: must never reach the form, the PDF or storage. */
const SECRET = 'Qz7#mangguo9Lan';

let env;
before(async () => {
  env = await setup();
});
after(async () => {
  await env?.close();
});


async function go(s, hash, waitFor) {
  await s.route(hash);
  await s.page.waitForSelector(waitFor, { state: 'attached' });
  await frames(s.page);
}

/** The readiness summary and items: { ready, blocking, items: [{area, id, level, href, text}] }. */
async function readiness(page) {
  await frames(page);
  return page.evaluate(() => {
    const sum = document.querySelector('[data-testid="readiness"]');
    const items = [...document.querySelectorAll('.rd-area [data-item]')].map((li) => ({
      area: li.closest('[data-area]').getAttribute('data-area'),
      id: li.getAttribute('data-item'),
      level: li.getAttribute('data-level'),
      href: li.querySelector('a')?.getAttribute('href'),
      text: li.innerText.trim(),
    }));
    return { ready: sum?.getAttribute('data-ready'), blocking: Number(sum?.getAttribute('data-blocking')), items };
  });
}

const short = (r) => JSON.stringify(r.items.map((i) => `${i.area}/${i.id}/${i.level}`));

/** Prints #/form to an A4 PDF; returns { file, text, flat, pages, images }. */
async function printForm(page, name) {
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'A4', printBackground: false, preferCSSPageSize: true });
  await page.emulateMedia({ media: 'screen' });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'confirm-pdf-'));
  const file = path.join(dir, `${name}.pdf`);
  fs.writeFileSync(file, pdf);
  fs.mkdirSync(path.join(OUT, 'confirmation'), { recursive: true });
  fs.copyFileSync(file, path.join(OUT, 'confirmation', `${name}.pdf`));
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
  const list = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' });
  const images = list.split('\n').slice(2).filter((l) => l.trim()).map((l) => l.trim().split(/\s+/));
  console.log(`# pdf ${name}: pages=${pages} bytes=${pdf.length} images=${images.length} (${images.map((i) => `${i[3]}x${i[4]}`).join(',')})`);
  return { file, text, flat: text.replace(/\s+/g, ''), pages, images, bytes: pdf.length };
}

function assertHas(pdf, values, what) {
  for (const v of values) {
    assert.ok(pdf.flat.includes(String(v).replace(/\s+/g, '')), `${what}: "${v}" not in the PDF text:\n${pdf.text}`);
  }
}

/** Values of every input/select on the registration page (select values are codes). */
const entered = (page) =>
  page.$$eval('.reg-page input[name], .reg-page select[name]', (els) =>
    Object.fromEntries(els.filter((e) => e.type !== 'file' && e.type !== 'checkbox').map((e) => [e.name, e.value])),
  );

test('readiness goes from not ready to ready; the printed form carries every value, the photo, and no password', T, () =>
  withPage(env, '#/ready', async (s) => {
    const { page } = s;
    await page.waitForSelector('[data-testid="readiness"]');

    // 1. Nothing done: not ready, one item per area, each linking to where it is fixed.
    let r = await readiness(page);
    assert.equal(r.ready, 'false', short(r));
    const first = Object.fromEntries(r.items.map((i) => [i.area, i]));
    assert.deepEqual(
      Object.keys(first).map((a) => [a, first[a].href]),
      [['photo', '#/photo'], ['document', '#/document'], ['registration', '#/info'], ['password', '#/password']],
      short(r),
    );
    assert.equal(r.blocking, 4, short(r));

    // The form with nothing entered: blanks, an empty photo box, never "undefined".
    await go(s, '#/form', '[data-testid="confirmation-form"]');
    assert.equal(await page.locator('[data-testid="form-photo-empty"]').count(), 1, 'empty photo box');
    assert.equal(await page.locator('[data-field="name"][data-blank="true"]').count(), 1, 'name is an outlined blank');
    let sheet = await page.innerText('[data-testid="confirmation-form"]');
    assert.doesNotMatch(sheet, /undefined|null|NaN|None/, sheet);
    assert.match(sheet, /演练用，非正式报名表/);

    // 2. The sample student.
    await go(s, '#/info', '.reg-page');
    await page.locator('.reg-page button', { hasText: '填入示例数据' }).click();
    await page.waitForSelector('[data-testid="sample-badge"]');
    const v = await entered(page);
    assert.match(v.id_number, /^\d{17}[\dX]$/);

    // 3. A phone photo of a real face (72 dpi, too large): readiness names the failing check.
    await go(s, '#/photo', 'input[data-testid="photo-input"]');
    let up = await s.upload('photo-input', fixture('face-phone.jpg'));
    assert.equal(up.checks['image.dpi'], 'fail');
    await go(s, '#/ready', '[data-testid="readiness"]');
    r = await readiness(page);
    const dpi = r.items.find((i) => i.area === 'photo' && i.id === 'image.dpi');
    assert.ok(dpi && dpi.level === 'fail' && dpi.href === '#/photo', short(r));
    assert.ok(!r.items.some((i) => i.area === 'registration' && i.level !== 'warn'), `sample registration has no errors: ${short(r)}`);

    // ...fixed (face-aware crop), and what only a person can judge confirmed: the fixed file is what counts.
    await go(s, '#/photo', 'input[data-testid="photo-input"]');
    up = await s.upload('photo-input', fixture('face-phone.jpg'));
    await s.fix();
    const ids = await page.$$eval('[data-report="fixed"] [data-confirm]', (els) => els.map((e) => e.getAttribute('data-confirm')));
    assert.ok(ids.length > 0, 'the fixed photo has manual rows to confirm');
    for (const id of ids) await page.check(`[data-report="fixed"] [data-confirm="${id}"]`);
    const fixedPhoto = await readState(page, 'fixed');
    const failing = Object.entries(fixedPhoto.checks).filter(([, st]) => st === 'fail');
    assert.deepEqual(failing, [], `fixed photo: ${JSON.stringify(fixedPhoto.checks)}`);

    // 4. The demo student's card, named after the sample's ID by the fix (from the number it reads).
    await go(s, '#/document', 'input[data-testid="document-input"]');
    await s.setIdNumber(v.id_number);
    await s.upload('document-input', fixture('document-sample-student.jpg'));
    const fixedDoc = await s.fix();
    assert.equal(fixedDoc.verdict, 'pass');
    assert.equal(fixedDoc.download, `${v.id_number}.jpg`);

    await go(s, '#/ready', '[data-testid="readiness"]');
    r = await readiness(page);
    assert.equal(r.ready, 'false');
    assert.deepEqual(r.items.filter((i) => i.level !== 'warn').map((i) => `${i.area}/${i.id}`), ['password/rehearsal'], short(r));
    assert.equal(await page.getAttribute('[data-area="photo"]', 'data-done'), 'true');

    // 5. The password drill (only a done flag reaches the app).
    await go(s, '#/password', '.pw-card');
    const card = page.locator('.pw-card', { has: page.locator('h2', { hasText: '记忆练习' }) });
    await card.locator('input').first().fill(SECRET);
    await card.locator('button', { hasText: '记下了' }).click();
    await card.locator('button', { hasText: '核对' }).waitFor();
    await card.locator('input').first().fill(SECRET);
    await card.locator('button', { hasText: '核对' }).click();
    await page.waitForSelector('[data-testid="rehearsal-result"][data-result="match"]');

    await go(s, '#/ready', '[data-testid="readiness"]');
    r = await readiness(page);
    assert.equal(r.ready, 'true', short(r));
    assert.equal(r.blocking, 0);

    // 6. The form: filled, with the fixed photo; the print button calls window.print().
    await go(s, '#/form', '[data-testid="form-photo"]');
    await page.waitForFunction(() => {
      const img = document.querySelector('[data-testid="form-photo"]');
      return img && img.complete && img.naturalWidth === 450 && img.naturalHeight === 600;
    });
    assert.equal(await page.getAttribute('[data-testid="confirmation-form"]', 'data-complete'), 'true');
    assert.equal(await page.locator('[data-testid="confirmation-form"] [data-blank]').count(), 0, 'no blanks for the sample');
    await page.evaluate(() => {
      window.__printed = 0;
      window.print = () => window.__printed++;
    });
    await page.click('[data-testid="print"]');
    assert.equal(await page.evaluate(() => window.__printed), 1, 'print button calls window.print()');

    const pdf = await printForm(page, 'sample');
    assert.equal(pdf.pages, 1, `the sample fits one A4 page:\n${pdf.text}`);
    assert.ok(pdf.images.length >= 1, 'the photo is embedded in the PDF');
    assertHas(pdf, ['报名信息确认表（自查用）', '演练用，非正式报名表', 'henan-2024', '考生签名', '监护人签名'], 'form');
    assertHas(
      pdf,
      [v.name, v.id_number, v.birth_date, '女', '汉族', v.hukou_place, v.current_school, '九年级', '在就读学校所在地报考', v.mobile],
      'basic information',
    );
    const rowKeys = Object.keys(v).filter((k) => /^(guardians|history)\.\d+\./.test(k));
    assert.ok(rowKeys.length >= 8, `guardian and history fields found: ${rowKeys}`);
    assertHas(pdf, rowKeys.map((k) => v[k]).filter((x) => x !== ''), 'guardians and history');
    assertHas(pdf, ['姓名与身份证一致', '民族与身份证一致', '照片是考生本人'], 'checklist');
    assert.ok(!pdf.flat.includes(SECRET) && !pdf.text.includes(SECRET), 'the rehearsal password is not in the PDF');
    assert.doesNotMatch(pdf.text, /undefined|NaN/);
    const html = await page.content();
    assert.ok(!html.includes(SECRET), 'the password is not in the page');
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
    assert.ok(!stored.includes(SECRET), 'the password is not in storage');
  }),
);

test('a long study history prints on at most two A4 pages, every row included', T, () =>
  withPage(env, '#/info', async (s) => {
    const { page } = s;
    await page.waitForSelector('.reg-page');
    await page.locator('.reg-page button', { hasText: '填入示例数据' }).click();
    await page.waitForSelector('[data-testid="sample-badge"]');
    const v = await entered(page);
    // 16 rows, newest first: more than anyone really has (transfers, repeated years).
    const history = [];
    for (let i = 0; i < 16; i++) {
      const year = 2023 - i;
      history.push({
        from: `${year}.09`,
        to: i === 0 ? '至今' : `${year + 1}.08`,
        school: `洛阳市偃师区第${i + 1}实验学校（长简历）`,
        role: i % 3 === 0 ? '班长' : '',
        reference: `证明人${i + 1}`,
      });
    }
    const registration = {
      name: v.name,
      sex: v.sex,
      id_number: v.id_number,
      birth_date: v.birth_date,
      ethnicity: v.ethnicity,
      hukou_place: v.hukou_place,
      current_school: v.current_school,
      grade: v.grade,
      registration_place: v.registration_place,
      mobile: v.mobile,
      guardians: [
        { name: '林示范', relation: '母亲', phone: '13900000000' },
        { name: '林示父', relation: '父亲', phone: '13700000000' },
      ],
      history,
    };
    const dir = path.join(OUT, 'confirmation');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'long-history.json');
    fs.writeFileSync(file, JSON.stringify({ format: 'zhongzhao-precheck/registration', version: 1, sample: false, registration }));
    await page.setInputFiles('.reg-page input[name="import_file"]', file);
    await page.waitForFunction(() => /已导入/.test(document.querySelector('[data-testid="import-message"]')?.innerText ?? ''));

    await go(s, '#/form', '[data-testid="confirmation-form"]');
    assert.equal(await page.locator('[data-row="history"]').count(), 16);
    const pdf = await printForm(page, 'long-history');
    assert.ok(pdf.pages >= 1 && pdf.pages <= 2, `long history: ${pdf.pages} pages`);
    assertHas(pdf, history.map((h) => h.school), 'every history row');
    assertHas(pdf, history.map((h) => h.reference), 'every reference');
    assertHas(pdf, ['林示父', '13700000000', '考生签名', '监护人签名'], 'second guardian and signatures');
    // No photo was checked in this session: an empty photo box, no image.
    assert.equal(pdf.images.length, 0, 'no photo embedded when none was checked');
    assertHas(pdf, ['无照片'], 'empty photo box');
  }),
);
