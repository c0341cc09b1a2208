// Registration-info rehearsal (#/info): messages beside the fields (staying with their row when a row
// above is removed), fill-from-ID, the demo student,
// "保存在本设备" (off by default: nothing in localStorage), clear, export/import round trip, damaged
// imports, data kept across page switches, and the window panel. Every test also asserts (via
// withPage) that no request left the origin and the page threw nothing.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { setup, withPage, frames, OUT } from './harness.mjs';

const T = { timeout: 120_000 };
const STORAGE_KEY = 'zhongzhao-precheck.registration';
const FORMAT = 'zhongzhao-precheck/registration';
const WINDOW_STATES = ['open', 'upcoming', 'over', 'none'];

let env;
before(async () => {
  env = await setup();
});
after(async () => {
  await env?.close();
});

// ---------------------------------------------------------------------------------------------
// Helpers (this file only)
// ---------------------------------------------------------------------------------------------

/** GB 11643 check character for the first 17 digits. */
function checkChar(first17) {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * w[i], 0);
  return '10X98765432'[sum % 11];
}

/**
 * A well-formed ID for `area` (default 410381, 偃师市: retired in 2021, still valid on cards) born on
 * `birth` (YYYYMMDD), of the given sex, with check character `check` (default: any but X).
 */
function idWith(birth, { male, check, area = '410381' } = {}) {
  for (let seq = 100; seq <= 999; seq++) {
    if (male !== undefined && (seq % 2 === 1) !== male) continue;
    const first17 = `${area}${birth}${seq}`;
    const c = checkChar(first17);
    if (check === undefined ? c !== 'X' : c === check) return first17 + c;
  }
  throw new Error(`no sequence gives ${JSON.stringify({ birth, male, check })}`);
}


async function fill(page, name, value) {
  await page.fill(`.reg-page input[name="${name}"]`, value);
}

async function choose(page, name, value) {
  await page.selectOption(`.reg-page select[name="${name}"]`, value);
}

/** The message beside field `name`: { severity, text } or null. */
async function noteFor(page, name) {
  await frames(page);
  return page.evaluate((name) => {
    const el = document.querySelector(`[data-error-for="${CSS.escape(name)}"]`);
    return el ? { severity: el.getAttribute('data-severity'), text: el.innerText.trim() } : null;
  }, name);
}

/** Messages about a whole list rather than one of its fields. */
const LIST_LEVEL = ['guardians', 'history'];

/** Waits until field `name` shows a message of `severity` matching `re`; returns it. */
async function expectNote(page, name, severity, re) {
  try {
    await page.waitForFunction(
      ({ name, severity, src }) => {
        const el = document.querySelector(`[data-error-for="${CSS.escape(name)}"]`);
        return !!el && el.getAttribute('data-severity') === severity && new RegExp(src).test(el.innerText);
      },
      { name, severity, src: re.source },
      { timeout: 5_000, polling: 50 },
    );
  } catch {
    assert.fail(`expected a ${severity} beside ${name} matching ${re}, got ${JSON.stringify(await noteFor(page, name))}`);
  }
  const n = await noteFor(page, name);
  // Beside the field: the message is inside the same .reg-field as the control; a list-level message
  // ("guardians", "history") has no control and sits in its list's fieldset, outside every field.
  const where = await page.evaluate(
    ({ name, lists }) => {
      const note = document.querySelector(`[data-error-for="${CSS.escape(name)}"]`);
      const control = document.querySelector(`.reg-page [name="${CSS.escape(name)}"]`);
      if (!control) {
        return lists.includes(name) && !note.closest('.reg-field') && !!note.closest('fieldset.reg-group')
          ? 'beside'
          : 'no control named ' + name;
      }
      const field = control.closest('.reg-field');
      return field && note.closest('.reg-field') === field ? 'beside' : 'not in the control\'s .reg-field';
    },
    { name, lists: LIST_LEVEL },
  );
  assert.equal(where, 'beside', `message for ${name} is shown beside its control`);
  return n;
}

async function expectNoNote(page, name) {
  try {
    await page.waitForFunction((name) => !document.querySelector(`[data-error-for="${CSS.escape(name)}"]`), name, {
      timeout: 5_000,
      polling: 50,
    });
  } catch {
    assert.fail(`expected no message beside ${name}, got ${JSON.stringify(await noteFor(page, name))}`);
  }
}

/** Every control of the form by name (live values; the file input and the checkbox are left out). */
async function formValues(page) {
  await frames(page);
  return page.evaluate(() => {
    const out = {};
    for (const el of document.querySelectorAll('.reg-page input[name], .reg-page select[name]')) {
      if (el.type === 'file' || el.type === 'checkbox') continue;
      out[el.name] = el.value;
    }
    return out;
  });
}

/** Waits until the page has fetched data/<name> (the page then re-validates) and lets it settle. */
async function dataFetched(page, name) {
  await page.waitForFunction(
    (name) => performance.getEntriesByType('resource').some((e) => e.name.endsWith('/data/' + name) && e.responseEnd > 0),
    name,
    { timeout: 10_000, polling: 50 },
  );
  await page.waitForTimeout(100);
  await frames(page);
}
const COUNTY_CODES = 'all-historical-county-level-area-codes.txt';

const isEmptyForm = (v) => Object.values(v).every((x) => x === '');

/** All messages currently shown: [{ for, severity, text }]. */
async function shownNotes(page) {
  await frames(page);
  return page.evaluate(() =>
    [...document.querySelectorAll('[data-error-for]')].map((e) => ({
      for: e.getAttribute('data-error-for'),
      severity: e.getAttribute('data-severity'),
      text: e.innerText.trim(),
    })),
  );
}

const storageValue = (page) => page.evaluate((k) => window.localStorage.getItem(k), STORAGE_KEY);
const storageKeys = (page) => page.evaluate(() => Object.keys(window.localStorage));

const button = (page, text) => page.locator('.reg-page button', { hasText: text });

async function reloadApp(page) {
  await page.reload({ waitUntil: 'load' });
  await page.waitForSelector('.reg-page input[name="name"]', { state: 'attached', timeout: 30_000 });
  await frames(page);
}

async function notice(page, testid) {
  await frames(page);
  return page.evaluate((id) => {
    const el = document.querySelector(`[data-testid="${id}"]`);
    return el ? { text: el.innerText.trim(), ok: el.classList.contains('reg-notice-ok'), error: el.classList.contains('reg-notice-error') } : null;
  }, testid);
}

/** Clicks "导出为文件"; returns { suggested, path, text, json }. */
async function exportFile(s, subdir) {
  const [dl] = await Promise.all([s.page.waitForEvent('download'), button(s.page, '导出为文件').click()]);
  const dir = path.join(OUT, 'registration', subdir);
  fs.mkdirSync(dir, { recursive: true });
  const suggested = dl.suggestedFilename();
  const file = path.join(dir, suggested || 'export.json');
  await dl.saveAs(file);
  assert.equal(await dl.failure(), null, 'download did not fail');
  const text = fs.readFileSync(file, 'utf8');
  let json;
  assert.doesNotThrow(() => (json = JSON.parse(text)), `export is JSON: ${text.slice(0, 200)}`);
  return { suggested, path: file, text, json };
}

/** Chooses `file` in input[name=import_file] and waits for the import message to change. */
async function importFile(page, file) {
  const before = (await notice(page, 'import-message'))?.text ?? '';
  await page.setInputFiles('.reg-page input[name="import_file"]', file);
  await page.waitForFunction(
    (prev) => {
      const t = document.querySelector('[data-testid="import-message"]')?.innerText.trim() ?? '';
      return t !== '' && t !== prev;
    },
    before,
    { timeout: 10_000, polling: 50 },
  );
  return notice(page, 'import-message');
}

/** A form with a bit of everything: a guardian, two history rows, odd but valid-to-store text. */
async function fillTypicalForm(page) {
  const id = idWith('20090317', { male: true });
  await fill(page, 'name', '王小明');
  await fill(page, 'id_number', id);
  await fill(page, 'birth_date', '2009-03-17');
  await choose(page, 'sex', 'male');
  await choose(page, 'ethnicity', '01');
  await fill(page, 'hukou_place', '河南省郑州市金水区');
  await fill(page, 'current_school', '郑州市第八中学');
  await choose(page, 'grade', '9');
  await choose(page, 'registration_place', 'school');
  await fill(page, 'mobile', ' 138-0013-8000 ');
  await button(page, '添加监护人').click();
  await page.waitForSelector('.reg-page input[name="guardians.0.name"]');
  await fill(page, 'guardians.0.name', '王大明');
  await choose(page, 'guardians.0.relation', '父亲');
  await fill(page, 'guardians.0.phone', '13900139000');
  await button(page, '添加一段').click();
  await button(page, '添加一段').click();
  await page.waitForSelector('.reg-page input[name="history.1.from"]');
  await fill(page, 'history.0.from', '2021.09');
  await fill(page, 'history.0.to', '至今');
  await fill(page, 'history.0.school', '郑州市第八中学');
  await fill(page, 'history.0.role', '班长 "一班"');
  await fill(page, 'history.0.reference', '李老师');
  await fill(page, 'history.1.from', '2015.09');
  await fill(page, 'history.1.to', '2021.08');
  await fill(page, 'history.1.school', '郑州市金水区第一小学');
  await fill(page, 'history.1.reference', '张老师');
  await frames(page);
  return id;
}

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

test('wrong values show messages beside the fields; fixing them makes the messages go', T, () =>
  withPage(env, '#/info', async (s) => {
    const { page } = s;
    await page.waitForSelector('.reg-page input[name="id_number"]');
    assert.deepEqual(await shownNotes(page), [], 'an untouched form shows no messages');

    // ID number: a wrong check character.
    const good = idWith('20090512');
    const wrongCheck = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    await fill(page, 'id_number', wrongCheck);
    const bad = await expectNote(page, 'id_number', 'error', /校验码/);
    assert.match(bad.text, new RegExp(`应是 ${good[17]}`), `the message names the right check character: ${bad.text}`);
    await fill(page, 'id_number', good);
    await expectNoNote(page, 'id_number');

    // ID number: lower-case x.
    const withX = idWith('20090512', { check: 'X' });
    await fill(page, 'id_number', withX.slice(0, 17) + 'x');
    await expectNote(page, 'id_number', 'error', /大写 X/);
    await fill(page, 'id_number', withX);
    await expectNoNote(page, 'id_number');

    // An address code that never existed: a warning once the fetched county list has arrived
    // (data/all-historical-county-level-area-codes.txt, from the page's own origin).
    await fill(page, 'id_number', idWith('20090512', { area: '419999' }));
    await expectNote(page, 'id_number', 'warning', /419999.*历史县级行政区划代码表/);
    assert.ok(
      s.server.log.some((e) => e.path === '/data/all-historical-county-level-area-codes.txt' && e.status === 200),
      'county list fetched from the origin',
    );
    await fill(page, 'id_number', good);
    await expectNoNote(page, 'id_number');

    // The student's mobile: too short, then fixed.
    await fill(page, 'mobile', '1380013800');
    await expectNote(page, 'mobile', 'error', /手机号/);
    await fill(page, 'mobile', '13800138000');
    await expectNoNote(page, 'mobile');

    // A guardian's phone.
    await button(page, '添加监护人').click();
    await page.waitForSelector('.reg-page input[name="guardians.0.phone"]');
    await fill(page, 'guardians.0.phone', '12345');
    await expectNote(page, 'guardians.0.phone', 'error', /手机号/);
    await fill(page, 'guardians.0.phone', '13900139000');
    await expectNoNote(page, 'guardians.0.phone');

    // Study history with a gap between 2021.12 and 2022.03.
    await button(page, '添加一段').click();
    await button(page, '添加一段').click();
    await page.waitForSelector('.reg-page input[name="history.1.from"]');
    await fill(page, 'history.0.from', '2022.03');
    await fill(page, 'history.0.to', '至今');
    await fill(page, 'history.0.school', '郑州市第八中学');
    await fill(page, 'history.0.reference', '李老师');
    await fill(page, 'history.1.from', '2015.09');
    await fill(page, 'history.1.to', '2021.12');
    await fill(page, 'history.1.school', '郑州市金水区第一小学');
    await fill(page, 'history.1.reference', '张老师');
    const gap = await expectNote(page, 'history.0.from', 'error', /空档/);
    assert.match(gap.text, /2022\.02/, `the gap message suggests the month to use: ${gap.text}`);
    await fill(page, 'history.1.to', '2022.02');
    await expectNoNote(page, 'history.0.from');
    for (const n of ['history.0.to', 'history.1.from', 'history.1.to']) assert.equal(await noteFor(page, n), null, `${n} has no message`);
  }),
);

test('"按身份证号填写" fills birth date and sex from the ID number', T, () =>
  withPage(env, '#/info', async (s) => {
    const { page } = s;
    const male = idWith('20100228', { male: true });
    await fill(page, 'id_number', male);
    await button(page, '按身份证号填写').click();
    await page.waitForFunction(() => document.querySelector('.reg-page input[name="birth_date"]').value !== '');
    let v = await formValues(page);
    assert.equal(v.birth_date, '2010-02-28');
    assert.equal(v.sex, 'male');
    const msg = await notice(page, 'fill-message');
    assert.ok(msg.ok && /出生日期和性别/.test(msg.text), `fill message: ${JSON.stringify(msg)}`);
    assert.equal(await noteFor(page, 'birth_date'), null, 'birth date agrees with the ID');
    assert.equal(await noteFor(page, 'sex'), null, 'sex agrees with the ID');

    const female = idWith('20090512', { male: false });
    await fill(page, 'id_number', female);
    // Birth date now disagrees with the ID: the form says so until filled again.
    await expectNote(page, 'birth_date', 'error', /不一致/);
    await button(page, '按身份证号填写').click();
    await page.waitForFunction(() => document.querySelector('.reg-page input[name="birth_date"]').value === '2009-05-12');
    v = await formValues(page);
    assert.equal(v.sex, 'female');
    await expectNoNote(page, 'birth_date');

    // With a broken ID nothing is filled and the failure is explained.
    await fill(page, 'id_number', '4103812009');
    await button(page, '按身份证号填写').click();
    await frames(page);
    const err = await notice(page, 'fill-message');
    assert.ok(err.error && err.text.length > 0, `fill error message: ${JSON.stringify(err)}`);
    assert.equal((await formValues(page)).birth_date, '2009-05-12', 'birth date unchanged by a failed fill');
  }),
);

test('sample data: 示例数据 badge, every field filled, the form passes every check', T, () =>
  withPage(env, '#/info', async (s) => {
    const { page } = s;
    assert.equal(await page.locator('[data-testid="sample-badge"]').count(), 0, 'no badge before');
    await button(page, '填入示例数据').click();
    await page.waitForSelector('[data-testid="sample-badge"]');
    assert.equal((await page.textContent('[data-testid="sample-badge"]')).trim(), '示例数据');
    const v = await formValues(page);
    for (const [k, val] of Object.entries(v)) {
      if (k === 'profile' || /\.role$/.test(k)) continue; // 任何职 is optional
      assert.notEqual(val, '', `sample fills ${k}`);
    }
    assert.ok(v['guardians.0.phone'] && v['history.1.from'], 'sample has a guardian and two history rows');
    assert.match(v.id_number, /^410381/, 'sample uses the retired 偃师市 code');
    await dataFetched(page, COUNTY_CODES); // the retired code must still be accepted with the list loaded
    assert.deepEqual(await shownNotes(page), [], 'sample shows no message at all');
    const summary = (await page.textContent('[data-testid="summary"]')).trim();
    assert.match(summary, /全部通过检查/, summary);
    const state = await page.getAttribute('[data-window-state]', 'data-window-state');
    assert.ok(['open', 'upcoming', 'over'].includes(state), `grade 9 + school has a window: ${state}`);
  }),
);

test('without "保存在本设备" nothing is stored: reload gives an empty form and no localStorage key', T, () =>
  withPage(env, '#/info', async (s) => {
    const { page } = s;
    assert.equal(await page.isChecked('.reg-page input[name="save_on_device"]'), false, 'unticked by default');
    await fillTypicalForm(page);
    assert.equal(await storageValue(page), null, 'nothing stored while typing');
    assert.ok(!(await storageKeys(page)).includes(STORAGE_KEY));
    await reloadApp(page);
    const v = await formValues(page);
    assert.ok(isEmptyForm(Object.fromEntries(Object.entries(v).filter(([k]) => k !== 'profile'))), `form empty after reload: ${JSON.stringify(v)}`);
    assert.equal(await page.locator('.reg-page input[name="guardians.0.name"]').count(), 0, 'no guardian rows');
    assert.deepEqual(await storageKeys(page), [], 'localStorage is empty');
    assert.equal(await page.isChecked('.reg-page input[name="save_on_device"]'), false);
  }),
);

test('ticking "保存在本设备" keeps the data across a reload; "清除" empties storage and form', T, () =>
  withPage(env, '#/info', async (s) => {
    const { page } = s;
    const id = await fillTypicalForm(page);
    const typed = await formValues(page);
    await page.check('.reg-page input[name="save_on_device"]');
    await frames(page);
    const stored = await storageValue(page);
    assert.ok(stored, 'stored once ticked');
    const json = JSON.parse(stored);
    assert.equal(json.format, FORMAT);
    assert.equal(json.registration.name, '王小明');
    assert.equal(json.registration.id_number, id);

    // A later edit is saved too.
    await fill(page, 'hukou_place', '河南省郑州市二七区');
    await frames(page);
    assert.equal(JSON.parse(await storageValue(page)).registration.hukou_place, '河南省郑州市二七区');
    typed.hukou_place = '河南省郑州市二七区';

    await reloadApp(page);
    await page.waitForSelector('.reg-page input[name="history.1.reference"]');
    assert.deepEqual(await formValues(page), typed, 'every value restored after reload');
    assert.equal(await page.isChecked('.reg-page input[name="save_on_device"]'), true, 'still ticked');
    assert.equal(JSON.parse(await storageValue(page)).registration.mobile, ' 138-0013-8000 ', 'stored exactly as typed');

    await button(page, '清除').click();
    await frames(page);
    assert.equal(await storageValue(page), null, '清除 removes the stored data');
    assert.deepEqual(await storageKeys(page), []);
    const cleared = await formValues(page);
    delete cleared.profile;
    assert.ok(isEmptyForm(cleared), `form empty after 清除: ${JSON.stringify(cleared)}`);
    assert.equal(await page.locator('.reg-page input[name="guardians.0.name"]').count(), 0, 'rows removed');
    assert.equal(await page.isChecked('.reg-page input[name="save_on_device"]'), false, 'unticked after 清除');

    await reloadApp(page);
    const after = await formValues(page);
    delete after.profile;
    assert.ok(isEmptyForm(after), 'still empty after another reload');
    assert.equal(await storageValue(page), null);

    // Unticking also removes what was saved.
    await fill(page, 'name', '李四');
    await page.check('.reg-page input[name="save_on_device"]');
    await frames(page);
    assert.ok(await storageValue(page), 'saved');
    await page.uncheck('.reg-page input[name="save_on_device"]');
    await frames(page);
    assert.equal(await storageValue(page), null, 'unticking removes the saved copy');
  }),
);

test('export → clear → import gives back exactly the same form', T, () =>
  withPage(env, '#/info', async (s) => {
    const { page } = s;
    const id = await fillTypicalForm(page);
    // An invalid value must survive the round trip unchanged too.
    await fill(page, 'birth_date', '2009-02-30');
    const typed = await formValues(page);

    const first = await exportFile(s, 'round-trip');
    assert.equal(first.json.format, FORMAT);
    assert.equal(first.json.version, 1);
    assert.equal(first.json.sample, false);
    assert.equal(first.json.registration.name, '王小明');
    assert.equal(first.json.registration.id_number, id);
    assert.equal(first.json.registration.birth_date, '2009-02-30');
    assert.equal(first.json.registration.mobile, ' 138-0013-8000 ');
    assert.equal(first.json.registration.history[0].role, '班长 "一班"');
    assert.equal(first.json.registration.guardians.length, 1);
    assert.match(first.suggested, /\.json$/, `suggested name ${first.suggested}`);
    assert.match(first.suggested, /王小明/, 'file name carries the student name');
    const ok = await notice(page, 'import-message');
    assert.ok(ok.ok && /已导出/.test(ok.text), `export message: ${JSON.stringify(ok)}`);
    for (const word of ['password', '密码', '密保']) {
      assert.ok(!JSON.stringify(first.json.registration).toLowerCase().includes(word), `no ${word} field in the export`);
    }

    await button(page, '清除').click();
    await frames(page);
    const empty = await formValues(page);
    delete empty.profile;
    assert.ok(isEmptyForm(empty), 'cleared');

    const msg = await importFile(page, first.path);
    assert.ok(msg.ok && /已导入/.test(msg.text), `import message: ${JSON.stringify(msg)}`);
    await page.waitForSelector('.reg-page input[name="history.1.reference"]');
    assert.deepEqual(await formValues(page), typed, 'every value is back after import');
    assert.equal(await page.locator('[data-testid="sample-badge"]').count(), 0, 'not marked as sample');
    assert.equal(await storageValue(page), null, 'import does not write localStorage when not ticked');

    const second = await exportFile(s, 'round-trip-again');
    assert.equal(second.text, first.text, 'exporting the imported form gives the same bytes');

    // The sample flag survives the round trip as well.
    await button(page, '填入示例数据').click();
    await page.waitForSelector('[data-testid="sample-badge"]');
    const sample = await exportFile(s, 'sample');
    assert.equal(sample.json.sample, true);
    await button(page, '清除').click();
    await frames(page);
    assert.equal(await page.locator('[data-testid="sample-badge"]').count(), 0);
    await importFile(page, sample.path);
    await page.waitForSelector('[data-testid="sample-badge"]');
  }),
);

test('a damaged or foreign JSON file is refused with a message and changes nothing', T, () =>
  withPage(env, '#/info', async (s) => {
    const { page } = s;
    await fillTypicalForm(page);
    const good = await exportFile(s, 'damaged-source');
    const before = await formValues(page);
    const dir = path.join(OUT, 'registration', 'damaged');
    fs.mkdirSync(dir, { recursive: true });
    const cases = [
      ['truncated.json', good.text.slice(0, Math.floor(good.text.length / 2)), /损坏|不完整/],
      ['foreign.json', JSON.stringify({ name: '张三', mobile: '13800138000' }), /不是本工具/],
      ['password.json', good.text.replace('"mobile"', '"password"'), /没有导入/],
      ['empty.json', '', /空/],
    ];
    for (const [name, text, re] of cases) {
      const file = path.join(dir, name);
      fs.writeFileSync(file, text);
      const msg = await importFile(page, file);
      assert.ok(msg.error, `${name}: shown as an error (${JSON.stringify(msg)})`);
      assert.match(msg.text, /没有导入/, `${name}: says nothing was imported`);
      assert.match(msg.text, re, `${name}: explains why`);
      assert.match(msg.text, /[\u4e00-\u9fff]/, `${name}: message is Chinese`);
      assert.deepEqual(await formValues(page), before, `${name}: form unchanged`);
      assert.equal(await page.locator('[data-testid="sample-badge"]').count(), 0);
      // Reset the message so the next import is seen as a change.
      await importFile(page, good.path);
    }
  }),
);

test('switching to #/photo and back to #/info keeps the typed values', T, () =>
  withPage(env, '#/info', async (s) => {
    const { page } = s;
    await fillTypicalForm(page);
    const typed = await formValues(page);
    await s.route('#/photo');
    await page.waitForSelector('[data-testid="photo-input"]', { state: 'attached' });
    assert.equal(await page.locator('.reg-page').count(), 0, 'the registration page is gone');
    await s.route('#/info');
    await page.waitForSelector('.reg-page input[name="history.1.reference"]', { state: 'attached' });
    assert.deepEqual(await formValues(page), typed, 'values kept across the page switch');
    assert.equal(await storageValue(page), null, 'kept in memory, not in localStorage');
    // Messages of touched fields may reset; a change still validates.
    await fill(page, 'mobile', '123');
    await expectNote(page, 'mobile', 'error', /手机号/);
  }),
);

test('removing a row keeps every other row\'s messages with that row', T, () =>
  withPage(env, '#/info', async (s) => {
    const { page } = s;
    await page.waitForSelector('.reg-page input[name="id_number"]');
    await button(page, '添加监护人').click();
    await button(page, '添加监护人').click();
    await page.waitForSelector('.reg-page input[name="guardians.1.phone"]');
    // Only the second guardian's phone is typed (touched); the first shows nothing yet.
    await fill(page, 'guardians.1.phone', '123');
    await expectNote(page, 'guardians.1.phone', 'error', /手机号/);
    await expectNoNote(page, 'guardians.0.phone');

    await button(page, '删除这位监护人').first().click();
    await page.waitForFunction(() => !document.querySelector('.reg-page input[name="guardians.1.phone"]'));
    // The second guardian is now first: its value and its message moved with it.
    assert.equal(await page.inputValue('.reg-page input[name="guardians.0.phone"]'), '123');
    await expectNote(page, 'guardians.0.phone', 'error', /手机号/);
    // A guardian added now takes the old position of the second one but none of its state.
    await button(page, '添加监护人').click();
    await page.waitForSelector('.reg-page input[name="guardians.1.phone"]');
    await expectNoNote(page, 'guardians.1.phone');
  }),
);

test('window panel: data-window-state follows grade and place (and the clock)', T, () =>
  withPage(env, '#/info', async (s) => {
    const { page } = s;
    const state = () => page.getAttribute('[data-window-state]', 'data-window-state');
    const st0 = await state();
    assert.ok(WINDOW_STATES.includes(st0), `data-window-state=${st0}`);
    assert.equal(st0, 'none', 'no grade/place chosen: none');
    await choose(page, 'grade', '9');
    await choose(page, 'registration_place', 'school');
    await frames(page);
    const st1 = await state();
    assert.ok(['open', 'upcoming', 'over'].includes(st1), `grade 9 at school has a window: ${st1}`);
    const text = await page.textContent('[data-window-state]');
    assert.ok(text.trim().length > 0, 'panel explains the window');

    // Pinned clock in the middle of the 2024 grade-9 window (Asia/Shanghai): open.
    await page.clock.setFixedTime(new Date('2024-03-15T10:00:00+08:00'));
    await reloadApp(page);
    await choose(page, 'grade', '9');
    await choose(page, 'registration_place', 'school');
    await frames(page);
    assert.equal(await state(), 'open', '2024-03-15 10:00 is inside the grade-9 window');
    await page.clock.setFixedTime(new Date('2024-02-01T10:00:00+08:00'));
    await reloadApp(page);
    await choose(page, 'grade', '9');
    await choose(page, 'registration_place', 'school');
    await frames(page);
    assert.equal(await state(), 'upcoming', '2024-02-01 is before the window');
  }),
);
