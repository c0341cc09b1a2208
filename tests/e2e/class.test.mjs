// Class page (#/class): a generated class of four (tests/e2e/.fixtures/class, written by
// examples/make_fixtures.rs) through roster, matching, checks, fix all and the download, and the same
// class through `precheck batch`: the page and the CLI must give every student the same statuses,
// the same export and the same 检查报告.csv.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { setup, withPage, fixture, REPO, OUT } from './harness.mjs';

const CLASS = JSON.parse(fs.readFileSync(fixture('class/class.json'), 'utf8'));
const FILES_DIR = fixture('class/files');
const FILES = fs.readdirSync(FILES_DIR).sort().map((f) => path.join(FILES_DIR, f));
const T = { timeout: 300_000 };

let env;
before(async () => {
  env = await setup();
});
after(async () => {
  await env?.close();
});

/** `precheck batch … --json`: per student ID {photo, document} statuses, and the output folder. */
function cliBatch() {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'class-e2e-'));
  const args = ['batch', ...FILES, '--roster', fixture('class/花名册.csv'), '--out', out, '--json'];
  const built = path.join(REPO, 'target/debug/precheck');
  let stdout;
  try {
    stdout = fs.existsSync(built)
      ? execFileSync(built, args, { encoding: 'utf8' })
      : execFileSync('cargo', ['run', '--quiet', '--bin', 'precheck', '--', ...args], { cwd: REPO, encoding: 'utf8' });
  } catch (e) {
    // Exit 1: some student is not complete, which this class is built to have.
    assert.equal(e.status, 1, `precheck batch failed: ${e.stderr}`);
    stdout = e.stdout;
  }
  const lines = stdout.trim().split('\n').map((l) => JSON.parse(l));
  const students = Object.fromEntries(
    lines.filter((l) => l.kind === 'student').map((l) => [l.id, { photo: l.photo.status, document: l.document.status }]),
  );
  const unmatched = lines.filter((l) => l.kind === 'unmatched').map((l) => path.basename(l.file));
  return { students, unmatched, out };
}

/** Every file under `dir`, '/'-separated relative paths, sorted. */
function listFiles(dir, rel = '') {
  return fs
    .readdirSync(path.join(dir, rel), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listFiles(dir, `${rel}${e.name}/`) : [`${rel}${e.name}`]))
    .sort();
}

/** The entry names and bytes of a ZIP, read from its central directory (stored or deflated). */
function unzip(bytes) {
  const buf = Buffer.from(bytes);
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(eocd >= 0, 'a ZIP end record');
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const entries = {};
  for (let i = 0; i < count; i++) {
    assert.equal(buf.readUInt32LE(at), 0x02014b50, 'a central directory record');
    const [method, packed, nameLen, extraLen, commentLen] = [10, 20, 28, 30, 32].map((o) =>
      o === 20 ? buf.readUInt32LE(at + o) : buf.readUInt16LE(at + o),
    );
    const local = buf.readUInt32LE(at + 42);
    const name = buf.subarray(at + 46, at + 46 + nameLen).toString('utf8');
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(start, start + packed);
    entries[name] = method === 8 ? zlib.inflateRawSync(raw) : raw;
    at += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

async function download(page, testid, dir) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(`a[data-testid="${testid}"]`)]);
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, dl.suggestedFilename() || `${testid}.bin`);
  await dl.saveAs(file);
  assert.equal(await dl.failure(), null, `${testid}: download failed`);
  return { name: dl.suggestedFilename(), bytes: fs.readFileSync(file) };
}

/** Per student ID: the table row's statuses. */
const tableStatuses = (page) =>
  page.$$eval('[data-student]', (rows) =>
    Object.fromEntries(
      rows.map((r) => [
        r.getAttribute('data-student'),
        { photo: r.getAttribute('data-photo-status'), document: r.getAttribute('data-document-status') },
      ]),
    ),
  );

async function loadRoster(page, file) {
  await page.setInputFiles('input[type="file"][data-testid="class-roster"]', fixture(file));
  await page.waitForFunction((n) => document.querySelectorAll('[data-student]').length === n, CLASS.students.length);
}

test('class: GBK roster, loose files and a GBK-named ZIP checked, fixed and downloaded alike by page and CLI', T, () =>
  withPage(env, '#/class', async (s) => {
    const { page } = s;
    await loadRoster(page, 'class/花名册.csv');
    const ids = await page.$$eval('[data-student]', (rows) => rows.map((r) => r.getAttribute('data-student')));
    assert.deepEqual(ids, CLASS.students.map((st) => st.id), 'one row per roster student, in roster order');

    const t0 = Date.now();
    await page.setInputFiles('input[type="file"][data-testid="class-files"]', FILES);
    const progress = '[data-testid="class-progress"]';
    await page.waitForSelector(`${progress}[data-state="done"]`, { state: 'attached', timeout: 240_000 });
    const checkMs = Date.now() - t0;
    const [done, total] = await page.$eval(progress, (p) => [p.getAttribute('data-done'), p.getAttribute('data-total')]);
    const given = CLASS.given.photo.filter(Boolean).length + CLASS.given.document.filter(Boolean).length;
    assert.equal(Number(total), given, 'every matched file is checked');
    assert.equal(done, total);
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    console.log(`# timing class-check files=${total} students=${ids.length} workers=${Math.min(Math.max(cores, 1), 4)} check_ms=${checkMs}`);

    const page_ = await tableStatuses(page);
    CLASS.students.forEach((st, i) => {
      for (const kind of ['photo', 'document']) {
        const status = page_[st.id][kind];
        if (CLASS.given[kind][i]) assert.match(status, /^(pass|warn|fail)$/, `${st.name} ${kind}: ${status}`);
        else assert.equal(status, 'missing', `${st.name} ${kind}`);
      }
    });
    for (const name of CLASS.unmatched) {
      assert.equal(await page.locator(`[data-unmatched-file="${name}"]`).count(), 1, `${name} listed as unmatched`);
    }

    const cli = cliBatch();
    assert.deepEqual(page_, cli.students, 'page and `precheck batch` give every student the same statuses');
    assert.deepEqual(CLASS.unmatched, cli.unmatched);

    const f0 = Date.now();
    await page.click('[data-testid="class-fix-all"]');
    await page.waitForSelector('a[data-testid="class-download-zip"]', { state: 'attached', timeout: 240_000 });
    console.log(`# timing class-fix-all files=${total} fix_ms=${Date.now() - f0}`);
    const dir = path.join(OUT, 'class');
    const zip = await download(page, 'class-download-zip', dir);
    const entries = unzip(zip.bytes);
    const expected = listFiles(cli.out);
    assert.deepEqual(Object.keys(entries).sort(), expected, 'the ZIP holds what `precheck batch` wrote');
    assert.ok(expected.includes('检查报告.csv') && expected.some((f) => f.startsWith('照片/')), `export: ${expected}`);
    const csv = await download(page, 'class-download-report', dir);
    const cliCsv = fs.readFileSync(path.join(cli.out, '检查报告.csv'));
    assert.equal(csv.bytes.toString('utf8'), cliCsv.toString('utf8'), '检查报告.csv equals the CLI’s');
    assert.deepEqual(entries['检查报告.csv'], csv.bytes, 'the ZIP carries the same report');
    assert.ok(csv.bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])), 'UTF-8 with a byte-order mark');
    for (const [name, bytes] of Object.entries(entries)) {
      if (name.endsWith('.jpg')) assert.ok(bytes[0] === 0xff && bytes[1] === 0xd8, `${name} is a JPEG`);
    }
    fs.rmSync(cli.out, { recursive: true, force: true });
  }),
);

test('class: an XLSX roster, and pasted cells with a wrong ID number named in Chinese', T, () =>
  withPage(env, '#/class', async (s) => {
    const { page } = s;
    await loadRoster(page, 'class/花名册.xlsx');
    const ids = await page.$$eval('[data-student]', (rows) => rows.map((r) => r.getAttribute('data-student')));
    assert.deepEqual(ids, CLASS.students.map((st) => st.id));

    const [first] = CLASS.students;
    const wrong = first.id.slice(0, 17) + (first.id[17] === '0' ? '1' : '0');
    await page.click('details summary');
    await page.fill('[data-testid="class-roster-text"]', `姓名\t身份证号\n${first.name}\t${first.id}\n张三\t${wrong}\n`);
    await page.click('text=使用粘贴的名单');
    await page.waitForFunction(() => document.querySelectorAll('[data-student]').length === 2);
    const problem = await page.locator(`[data-student="${wrong}"] .field-error`).innerText();
    assert.match(problem, /身份证号有误/, problem);
    assert.equal(await page.locator(`[data-student="${first.id}"] .field-error`).count(), 0);
  }),
);

/** Whether leaving the page now would ask first: a `beforeunload` the page cancels. */
const leaveAsks = (page) =>
  page.evaluate(() => {
    const e = document.createEvent('BeforeUnloadEvent');
    e.initEvent('beforeunload', false, true);
    window.dispatchEvent(e);
    return e.defaultPrevented;
  });

test('class: an unmatched file assigned with the picker, a kind overridden, a file’s report opened; leaving asks until the download', T, () =>
  withPage(env, '#/class', async (s) => {
    const { page } = s;
    await loadRoster(page, 'class/花名册.csv');
    assert.equal(await leaveAsks(page), false, 'nothing checked yet: leaving does not ask');
    await page.setInputFiles('input[type="file"][data-testid="class-files"]', FILES);
    const progress = '[data-testid="class-progress"]';
    await page.waitForSelector(`${progress}[data-state="done"]`, { state: 'attached', timeout: 240_000 });
    assert.equal(await leaveAsks(page), true, 'checked results not downloaded: leaving asks');

    // The student without any file gets the unmatched photo through the picker.
    const lonely = CLASS.students.findIndex((_, i) => !CLASS.given.photo[i] && !CLASS.given.document[i]);
    assert.ok(lonely >= 0, 'the class has a student with no files');
    const id = CLASS.students[lonely].id;
    const row = `[data-student="${id}"]`;
    assert.equal(await page.getAttribute(row, 'data-photo-status'), 'missing');
    const [name] = CLASS.unmatched;
    const item = `[data-unmatched-file="${name}"]`;
    await page.selectOption(`${item} [data-pick="student"]`, String(lonely));
    await page.selectOption(`${item} [data-pick="kind"]`, 'photo');
    await page.click(`${item} button[data-choose]`);
    await page.waitForFunction(
      (sel) => /^(pass|warn|fail)$/.test(document.querySelector(sel)?.getAttribute('data-photo-status') ?? ''),
      row,
      { timeout: 120_000 },
    );
    assert.equal(await page.locator(item).count(), 0, 'the assigned file is no longer listed as unmatched');

    // The photo's full report draws the face marks of #/photo over the picture.
    await page.click(`${row} button[data-action="open"][data-kind="photo"]`);
    const photoPanel = '[data-testid="class-report"][data-kind="photo"]';
    await page.waitForSelector(photoPanel);
    const marks = await page.$$eval(`${photoPanel} [data-testid="marks-overlay"] [data-mark]`, (els) =>
      els.map((e) => e.getAttribute('data-mark')),
    );
    assert.ok(marks.includes('face.head_height') && marks.includes('face.centered'), `photo marks: ${marks}`);
    await page.click(`${photoPanel} button[data-action="close"]`);

    // The teacher's override: the same file as the ID image instead.
    await page.selectOption(`${row} select[data-action="kind"]`, 'document');
    await page.waitForFunction(
      (sel) => {
        const r = document.querySelector(sel);
        return r?.getAttribute('data-photo-status') === 'missing' && /^(pass|warn|fail)$/.test(r.getAttribute('data-document-status'));
      },
      row,
      { timeout: 120_000 },
    );

    // Its full report: every check row, opened from the row and closed again.
    await page.click(`${row} button[data-action="open"][data-kind="document"]`);
    const panel = '[data-testid="class-report"][data-kind="document"]';
    await page.waitForSelector(panel);
    const checks = await page.$$eval(`${panel} [data-check]`, (rows) => rows.map((r) => r.getAttribute('data-check')));
    assert.ok(checks.includes('file.format') && checks.includes('card.found'), `report rows: ${checks}`);
    assert.equal(await page.locator(`${panel} img`).count(), 1, 'the picture is shown');
    await page.click(`${panel} button[data-action="close"]`);
    assert.equal(await page.locator(panel).count(), 0);

    await page.click('[data-testid="class-fix-all"]');
    await page.waitForSelector('a[data-testid="class-download-zip"]', { state: 'attached', timeout: 240_000 });
    assert.equal(await leaveAsks(page), true, 'fixed, not downloaded: leaving asks');
    await download(page, 'class-download-zip', path.join(OUT, 'class-leave'));
    assert.equal(await leaveAsks(page), false, 'downloaded: leaving no longer asks');
  }),
);
