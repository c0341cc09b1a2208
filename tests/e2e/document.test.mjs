// Document page (#/document): ID-card images (800×600, ≥ 300 dpi, ≤ 50,000 bytes, named <ID>.jpg).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setup, withPage, manifest, fixture, isJpeg, fmt, until } from './harness.mjs';

const M = manifest();
const ID = M.id_number;
const MAX = M.document_max_bytes;
const docs = Object.fromEntries(M.files.filter((f) => f.page === 'document').map((f) => [f.file, f]));
const T = { timeout: 180_000 };

let env;
before(async () => {
  env = await setup();
});
after(async () => {
  await env?.close();
});


function expectChecks(r, f) {
  if (f.expect.verdict) assert.equal(r.verdict, f.expect.verdict, `${f.file}: ${fmt(r)}`);
  for (const [id, st] of Object.entries(f.expect.checks ?? {})) assert.equal(r.checks[id], st, `${f.file}: ${id} (${fmt(r)})`);
}

/** Fix, download as <ID>.jpg, check bytes, re-upload the download: it must pass. */
async function fixToIdName(s, f) {
  assert.ok((await r0(s)) > 0, 'fix button');
  const fixed = await s.fix();
  assert.equal(fixed.verdict, 'pass', `fixed ${f.file}: ${fmt(fixed)}`);
  for (const [id, st] of Object.entries(fixed.checks)) assert.equal(st, 'pass', `fixed ${f.file}: row ${id}`);
  assert.equal(fixed.download, `${ID}.jpg`, 'download attribute is <ID>.jpg');
  const dl = await s.download(`document/${f.file}`);
  assert.equal(dl.suggested, `${ID}.jpg`, 'downloaded file name');
  assert.ok(isJpeg(dl.bytes), 'fixed file starts with FFD8');
  assert.ok(dl.bytes.length <= MAX, `fixed file is ${dl.bytes.length} bytes > ${MAX}`);
  const again = await s.upload('document-input', dl.path);
  assert.equal(again.verdict, 'pass', `re-uploaded fix of ${f.file}: ${fmt(again)}`);
  assert.equal(again.checks['file.name'], 'pass');
  return { fixed, dl };
}
const r0 = (s) => s.page.locator('[data-testid="fix-button"]').count();

test(`good document ${ID}.jpg passes every check`, T, () =>
  withPage(env, '#/document', async (s) => {
    await s.setIdNumber(ID);
    const f = docs[`${ID}.jpg`];
    const r = await s.upload('document-input', fixture(f.file));
    console.log(`# ${f.file}: ${fmt(r)} ms=${r.ms}`);
    expectChecks(r, f);
    for (const [id, st] of Object.entries(r.checks)) assert.equal(st, 'pass', `${f.file}: ${id}`);
  }),
);

test('opening the file picker starts the analysis worker, without the face models; the card is then judged', T, () =>
  withPage(env, '#/document', async (s) => {
    await s.setIdNumber(ID);
    const [chooser] = await Promise.all([s.page.waitForEvent('filechooser'), s.page.click('label[for="document-input"]')]);
    const worker = () => s.page.workers().find((w) => /\/face_worker_loader\.js$/.test(w.url()));
    await until(() => worker(), 'the analysis worker started while the file chooser was open', 30_000);
    const f = docs[`${ID}.jpg`];
    const r = await s.upload('document-input', fixture(f.file), { chooser });
    expectChecks(r, f);
    const fetched = await worker().evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname));
    assert.deepEqual(fetched.filter((p) => p.startsWith('/models/')), [], `a card needs no models: ${fetched}`);
    assert.ok(!s.page.workers().some((w) => /face_worker_helper/.test(w.url())), 'and no helper');
  }),
);

test('document under a wrong name: file.name fails, the fix downloads as <ID>.jpg', T, () =>
  withPage(env, '#/document', async (s) => {
    await s.setIdNumber(ID);
    const f = docs['document-wrong-name.jpg'];
    const r = await s.upload('document-input', fixture(f.file));
    console.log(`# ${f.file}: ${fmt(r)}`);
    expectChecks(r, f);
    assert.ok(r.fixEnabled, 'fix offered');
    await fixToIdName(s, f);
  }),
);

test('phone picture of the card: the card is outlined, tilt fails, the fix straightens it into a passing <ID>.jpg', T, () =>
  withPage(env, '#/document', async (s) => {
    const models = [];
    s.page.on('request', (req) => {
      if (/\/models\//.test(req.url())) models.push(req.url());
    });
    await s.setIdNumber(ID);
    const f = docs['document-phone.jpg'];
    const r = await s.upload('document-input', fixture(f.file));
    console.log(`# ${f.file}: ${fmt(r)} ms=${r.ms} card run_ms=${r.content?.runMs} check_ms=${r.content?.checkMs}`);
    expectChecks(r, f);
    assert.equal(r.content?.state, 'ready', `card analysis finished: ${JSON.stringify(r.content)}`);
    // The marks are drawn over the picture, each in its check's colour.
    const marks = await s.page.$$eval('[data-testid="marks-overlay"] [data-mark]', (gs) =>
      gs.map((g) => [g.getAttribute('data-mark'), g.getAttribute('data-status')]),
    );
    const mark = Object.fromEntries(marks);
    assert.equal(mark['card.whole'], 'pass', `card outline: ${JSON.stringify(marks)}`);
    assert.equal(mark['card.level'], 'fail', `level line: ${JSON.stringify(marks)}`);
    assert.ok(mark['card.legible'], `number line drawn: ${JSON.stringify(marks)}`);
    // The number is read off the card in the worker and matches the typed ID.
    assert.equal(r.checks['card.number'], 'pass', `card.number: ${fmt(r)}`);
    assert.ok(r.fixEnabled, 'fix offered');
    const { fixed, dl } = await fixToIdName(s, f);
    for (const id of ['card.found', 'card.level', 'card.centered', 'card.fill', 'card.perspective', 'card.legible']) {
      assert.equal(fixed.checks[id], 'pass', `fixed: ${id} (${fmt(fixed)})`);
    }
    assert.deepEqual(models, [], 'a document check downloads no face models');
    console.log(`timing document-phone check_ms=${r.ms} fix_ms=${fixed.fixMs} output_bytes=${dl.bytes.length}`);
  }),
);

test('ID typed after the upload: the fix is named by it', T, () =>
  withPage(env, '#/document', async (s) => {
    const f = docs['document-phone.jpg'];
    const r = await s.upload('document-input', fixture(f.file));
    assert.ok(r.present, 'report');
    assert.ok(r.fixEnabled, `fix offered: ${fmt(r)}`);
    await s.setIdNumber(ID);
    const fixed = await s.fix();
    assert.equal(fixed.download, `${ID}.jpg`);
  }),
);

test('no ID typed: the fix is named by the number read off the card', T, () =>
  withPage(env, '#/document', async (s) => {
    const f = docs['document-phone.jpg'];
    const r = await s.upload('document-input', fixture(f.file));
    assert.ok(r.fixEnabled, `fix offered: ${fmt(r)}`);
    assert.equal(r.checks['card.number'], 'pass', `card.number: ${fmt(r)}`);
    const fixed = await s.fix();
    assert.equal(fixed.download, `${ID}.jpg`, 'named by the card');
    const dl = await s.download('document/named-by-card');
    assert.equal(dl.suggested, `${ID}.jpg`, 'downloaded file name');
  }),
);

/** A valid ID number differing from `id` only in its sequence (and so its check character). */
function otherId(id) {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const seq = String(((Number(id.slice(14, 17)) + 2) % 900) + 100);
  const first17 = id.slice(0, 14) + seq;
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * w[i], 0);
  return first17 + '10X98765432'[sum % 11];
}

test('the ID from the registration form fills the field; a card that disagrees names it as such', T, () =>
  withPage(env, '#/info', async (s) => {
    const { page } = s;
    const registered = otherId(ID);
    await page.fill('.reg-page input[name="id_number"]', registered);
    await page.evaluate(() => {
      location.hash = '#/document';
    });
    await page.waitForSelector('[data-note-for="id_number"]');
    assert.equal(await page.inputValue('input[name="id_number"]'), registered, 'filled from the registration form');
    const r = await s.upload('document-input', fixture(docs['document-phone.jpg'].file));
    assert.equal(r.checks['card.number'], 'fail', `card.number: ${fmt(r)}`);
    const row = await page.locator('[data-report="input"] [data-check="card.number"]').innerText();
    assert.ok(row.includes(`报名信息里的身份证号 ${registered}`), row);
    // Typed over, it is the person's own entry again.
    await s.setIdNumber(ID);
    assert.equal(await page.locator('[data-note-for="id_number"]').count(), 0);
  }),
);

test('12 MP phone photo of the card: the card analysis is timed (a benchmark, not a limit)', T, () =>
  withPage(env, '#/document', async (s) => {
    // The phone fixture enlarged to 4000×3000 in the page itself (no 12 MP file in the fixtures).
    const small = fs.readFileSync(fixture(docs['document-phone.jpg'].file)).toString('base64');
    const big = await s.page.evaluate(async (b64) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/jpeg' }));
      const canvas = new OffscreenCanvas(4000, 3000);
      canvas.getContext('2d').drawImage(bitmap, 0, 0, 4000, 3000);
      const out = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 })).arrayBuffer());
      let s = '';
      for (let i = 0; i < out.length; i += 0x8000) s += String.fromCharCode(...out.subarray(i, i + 0x8000));
      return btoa(s);
    }, small);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'card-12mp-')), 'card-12mp.jpg');
    fs.writeFileSync(file, Buffer.from(big, 'base64'));
    const r = await s.upload('document-input', file);
    assert.equal(r.content?.state, 'ready', `card analysis finished: ${JSON.stringify(r.content)}`);
    assert.equal(r.checks['card.found'], 'pass', `card.found: ${fmt(r)}`);
    const { runMs, checkMs } = r.content;
    console.log(
      `timing card-analysis file=card-12mp.jpg size=4000x3000 find_ms=${runMs} checks_and_reading_ms=${checkMs} ` +
        `card_ms=${runMs + checkMs} first_report_wall_ms=${r.wallMs}`,
    );
  }),
);
