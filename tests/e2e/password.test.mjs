// Password coach (#/password): rule and strength update as typed, weak Chinese passwords are never
// rated strong, the registration data makes a birthday in the password a personal finding, the
// rehearsal drill, show/hide, and privacy: a typed marker password appears nowhere (storage,
// cookies, URL, DOM attributes, IndexedDB, the registration export, console, request paths).
// Every test also asserts (via withPage) that no request left the origin and the page threw nothing.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { setup, withPage, frames, OUT } from './harness.mjs';

const T = { timeout: 120_000 };
/** A password nobody else would type, 19 characters (the platform allows 8–20). */
const MARKER = 'Zq9mark-unique-7731';
const MARKER_ANSWER = 'Ans4marker-qa-0815';
const MARKER_DRILL = 'Dr1ll-marker-5566';

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


const PW = '[data-testid="password-input"]';

/** Rule, score, verdict and findings of the main password check. */
async function readCheck(page) {
  await frames(page);
  return page.evaluate(() => {
    const rule = document.querySelector('[data-testid="password-rule"]');
    const strength = document.querySelector('[data-testid="password-strength"]');
    return {
      rule: rule?.getAttribute('data-status') ?? null,
      ruleIds: rule ? [...rule.querySelectorAll('[data-id]')].map((e) => e.getAttribute('data-id')) : [],
      score: strength ? Number(strength.getAttribute('data-score')) : null,
      verdict: document.querySelector('.pw-verdict')?.getAttribute('data-verdict') ?? null,
      findings: [...document.querySelectorAll('[data-testid="password-findings"] li')].map((li) => ({
        id: li.getAttribute('data-id'),
        cls: li.className,
        text: li.innerText.replace(/\s+/g, ' ').trim(),
      })),
    };
  });
}

/** Types `pw` into the main password field and waits for the verdict to be recomputed. */
async function typePassword(page, pw) {
  await page.fill(PW, pw);
  await frames(page);
  return readCheck(page);
}

const fmt = (r) => JSON.stringify({ rule: r.rule, ruleIds: r.ruleIds, score: r.score, verdict: r.verdict, findings: r.findings.map((f) => f.id) });

const drillCard = (page) => page.locator('.pw-card', { has: page.locator('h2', { hasText: '记忆练习' }) });

async function drillResult(page) {
  await page.waitForSelector('[data-testid="rehearsal-result"]', { state: 'attached', timeout: 5_000 });
  return page.getAttribute('[data-testid="rehearsal-result"]', 'data-result');
}

/** Sets `pw` in the drill (step 1) and presses 记下了. */
async function drillSet(page, pw) {
  const card = drillCard(page);
  await card.locator('input').first().fill(pw);
  await card.locator('button', { hasText: '记下了' }).click();
  await card.locator('button', { hasText: '核对' }).waitFor();
}

/** Types `pw` in step 2, presses 核对, returns data-result. */
async function drillCompare(page, pw) {
  const card = drillCard(page);
  const before = await page.locator('[data-testid="rehearsal-result"]').count();
  await card.locator('input').first().fill(pw);
  await card.locator('button', { hasText: '核对' }).click();
  if (before) await frames(page);
  return drillResult(page);
}

async function gotoRoute(s, hash, waitFor) {
  await s.route(hash);
  await s.page.waitForSelector(waitFor, { state: 'attached' });
  await frames(s.page);
}

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

test('typing a password updates the platform rule and the strength score', T, () =>
  withPage(env, '#/password', async (s) => {
    const { page } = s;
    await page.waitForSelector(PW);
    const empty = await readCheck(page);
    assert.equal(empty.rule, 'fail', `empty password fails the rule: ${fmt(empty)}`);
    assert.equal(empty.score, 0, fmt(empty));

    const short = await typePassword(page, 'ab1');
    assert.equal(short.rule, 'fail');
    assert.ok(short.ruleIds.includes('too-short'), fmt(short));

    const long = await typePassword(page, MARKER + 'xyz');
    assert.equal(long.rule, 'fail');
    assert.ok(long.ruleIds.includes('too-long'), `22 characters is too long: ${fmt(long)}`);

    const r = await typePassword(page, MARKER);
    assert.equal(r.rule, 'pass', `marker passes the rule: ${fmt(r)}`);
    assert.deepEqual(r.ruleIds, [], fmt(r));
    assert.ok(Number.isInteger(r.score) && r.score >= 0 && r.score <= 4, `score in 0..4: ${fmt(r)}`);
    assert.ok(r.score > empty.score, `score rose from ${empty.score}: ${fmt(r)}`);
    assert.ok(r.score >= 3, `a long random-looking password is hard to guess: ${fmt(r)}`);
    assert.notEqual(r.verdict, empty.verdict, 'verdict changed');

    // Deleting it goes back to the empty state.
    const again = await typePassword(page, '');
    assert.equal(again.rule, 'fail');
    assert.equal(again.score, 0);
  }),
);

test('common Chinese weak passwords never get data-score 4; 5201314 fails the rule (no letter)', T, () =>
  withPage(env, '#/password', async (s) => {
    const { page } = s;
    await page.waitForSelector(PW);
    for (const pw of ['wangxiaoming', 'woaini1314', '5201314', 'zhangwei2009', 'a123456789', 'qwerty123']) {
      const r = await typePassword(page, pw);
      console.log(`# ${pw}: ${fmt(r)}`);
      assert.ok(Number.isInteger(r.score), `${pw}: data-score present (${fmt(r)})`);
      assert.ok(r.score < 4, `${pw} must not be rated 4: ${fmt(r)}`);
      assert.ok(r.score <= 2, `${pw} is weak (≤ 2): ${fmt(r)}`);
      assert.ok(
        r.findings.some((f) => f.cls.includes('pw-warn') || f.cls.includes('pw-fail')),
        `${pw}: at least one warning explains why (${fmt(r)})`,
      );
      if (pw === '5201314') {
        assert.equal(r.rule, 'fail', fmt(r));
        assert.ok(r.ruleIds.includes('no-letter'), `5201314 has no letter: ${fmt(r)}`);
      }
      if (pw === 'wangxiaoming') {
        assert.equal(r.rule, 'fail', fmt(r));
        assert.ok(r.ruleIds.includes('no-digit'), fmt(r));
      }
    }
  }),
);

test('with registration info filled first, a password containing the birthday is flagged (生日)', T, () =>
  withPage(env, '#/password', async (s) => {
    const { page } = s;
    await page.waitForSelector(PW);
    // Without context the date is only a generic warning, not "你的生日".
    const noCtx = await typePassword(page, 'Qp20090512');
    assert.ok(!noCtx.findings.some((f) => f.text.includes('你的生日')), `no personal finding without context: ${fmt(noCtx)}`);
    assert.ok(await page.locator('.pw-hint').count(), 'page asks for the registration info first');

    // Fill the form on #/info: 王小明, born 2009-05-12.
    await gotoRoute(s, '#/info', '.reg-page input[name="name"]');
    await page.fill('.reg-page input[name="name"]', '王小明');
    await page.fill('.reg-page input[name="birth_date"]', '2009-05-12');
    await gotoRoute(s, '#/password', PW);
    assert.equal(await page.locator('.pw-hint').count(), 0, 'hint gone once the form has data');

    for (const pw of ['Qp20090512', 'Kite090512zz']) {
      const r = await typePassword(page, pw);
      const birth = r.findings.find((f) => f.text.includes('生日') && f.cls.includes('pw-fail'));
      assert.ok(birth, `${pw}: a finding mentioning 生日 (${fmt(r)} ${JSON.stringify(r.findings.map((f) => f.text))})`);
      assert.ok(r.findings.some((f) => f.id === 'personal-birth'), `${pw}: personal-birth finding (${fmt(r)})`);
      assert.ok(r.score <= 2, `${pw}: not rated strong (${fmt(r)})`);
    }
    const name = await typePassword(page, 'wangxiaoming2024');
    assert.ok(name.findings.some((f) => f.id === 'personal-name'), `the student's pinyin name is personal: ${fmt(name)}`);

    // The sample student works as context as well.
    await gotoRoute(s, '#/info', '.reg-page input[name="name"]');
    await page.locator('.reg-page button', { hasText: '填入示例数据' }).click();
    await page.waitForSelector('[data-testid="sample-badge"]');
    const birthDate = await page.inputValue('.reg-page input[name="birth_date"]');
    const digits = birthDate.replace(/-/g, '');
    assert.match(digits, /^\d{8}$/);
    await gotoRoute(s, '#/password', PW);
    const r = await typePassword(page, `Mx${digits}`);
    assert.ok(
      r.findings.some((f) => f.id === 'personal-birth' && f.text.includes('生日') && f.text.includes(digits)),
      `sample birthday ${digits} flagged: ${fmt(r)}`,
    );
  }),
);

test('rehearsal drill: same password → match, different → mismatch; fields are cleared', T, () =>
  withPage(env, '#/password', async (s) => {
    const { page } = s;
    const card = drillCard(page);
    await card.waitFor();
    assert.equal(await page.locator('[data-testid="rehearsal-result"]').count(), 0, 'no result before');
    await drillSet(page, MARKER_DRILL);
    assert.equal(await card.locator('input').first().inputValue(), '', 'step-2 field starts empty');

    assert.equal(await drillCompare(page, MARKER_DRILL), 'match');
    assert.equal(await card.locator('input').first().inputValue(), '', 'cleared after 核对');
    assert.equal(await drillCompare(page, MARKER_DRILL.toLowerCase()), 'mismatch', 'case matters');
    assert.equal(await drillCompare(page, MARKER_DRILL + ' '), 'mismatch');
    assert.equal(await drillCompare(page, MARKER_DRILL), 'match');
    const text = (await page.textContent('[data-testid="rehearsal-result"]')).trim();
    assert.ok(text.length > 0 && !text.includes(MARKER_DRILL), `result text does not repeat the password: ${text}`);

    await card.locator('button', { hasText: '结束练习并清除' }).click();
    await card.locator('button', { hasText: '记下了' }).waitFor();
    assert.equal(await page.locator('[data-testid="rehearsal-result"]').count(), 0, 'result cleared by reset');

    // A second round with another password: the old one no longer matches.
    await drillSet(page, 'Another9pass');
    assert.equal(await drillCompare(page, MARKER_DRILL), 'mismatch');
    assert.equal(await drillCompare(page, 'Another9pass'), 'match');
  }),
);

test('secret inputs are type=password by default; show/hide switches to text and back', T, () =>
  withPage(env, '#/password', async (s) => {
    const { page } = s;
    await page.waitForSelector(PW);
    const rows = page.locator('.pw-input-row');
    const n = await rows.count();
    assert.ok(n >= 2, `password field and drill field have toggles (${n})`);
    for (let i = 0; i < n; i++) {
      const input = rows.nth(i).locator('input');
      const toggle = rows.nth(i).locator('button.pw-toggle');
      assert.equal(await input.getAttribute('type'), 'password', `secret input ${i} is type=password`);
      assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
      await input.fill(MARKER);
      await toggle.click();
      await frames(page);
      assert.equal(await input.getAttribute('type'), 'text', `input ${i} shown as text`);
      assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
      assert.equal((await toggle.innerText()).trim(), '隐藏');
      assert.equal(await input.inputValue(), MARKER, 'value kept when shown');
      assert.equal(await input.getAttribute('value'), null, 'no value attribute while shown');
      await toggle.click();
      await frames(page);
      assert.equal(await input.getAttribute('type'), 'password', `input ${i} hidden again`);
      assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
      assert.equal((await toggle.innerText()).trim(), '显示');
      assert.equal(await input.inputValue(), MARKER, 'value kept when hidden again');
    }
    const r = await readCheck(page);
    assert.equal(r.rule, 'pass', 'the check still sees the typed password after toggling');
  }),
);

test('privacy: the typed marker password appears nowhere outside the input', T, () =>
  withPage(env, '#/info', async (s) => {
    const { page } = s;
    // Registration data first, so the coach has context and the export has content.
    await page.locator('.reg-page button', { hasText: '填入示例数据' }).click();
    await page.waitForSelector('[data-testid="sample-badge"]');

    await gotoRoute(s, '#/password', PW);
    await page.click(PW);
    await page.keyboard.type(MARKER, { delay: 5 }); // real key events, not just fill()
    const r = await readCheck(page);
    assert.equal(r.rule, 'pass', `marker typed: ${fmt(r)}`);
    assert.equal(await page.inputValue(PW), MARKER, 'the input itself holds the marker');
    // Show it once (type=text must not add a value attribute either), then hide again.
    const toggle = page.locator('.pw-input-row', { has: page.locator(PW) }).locator('button.pw-toggle');
    await toggle.click();
    await frames(page);
    // The marker also goes into a verification answer and the drill.
    const answer = page.locator('.pw-qa').first().locator('input').nth(1);
    await answer.fill(MARKER_ANSWER);
    await page.locator('.pw-qa').first().locator('input').first().fill('我最喜欢的一本书');
    await drillSet(page, MARKER);
    assert.equal(await drillCompare(page, MARKER), 'match');
    await frames(page);

    const markers = [MARKER, MARKER_ANSWER];
    const lower = markers.map((m) => m.toLowerCase());
    const hit = (text) => lower.filter((m) => String(text).toLowerCase().includes(m));

    const scan = await page.evaluate(async () => {
      const out = { storage: [], attributes: [], cookie: document.cookie, href: location.href, windowName: window.name };
      for (const st of [window.localStorage, window.sessionStorage]) {
        for (let i = 0; i < st.length; i++) {
          const k = st.key(i);
          out.storage.push(`${k}=${st.getItem(k)}`);
        }
      }
      for (const el of document.querySelectorAll('*')) {
        for (const a of el.attributes) out.attributes.push(`${el.tagName}[${a.name}=${a.value}]`);
      }
      out.outerHTML = document.documentElement.outerHTML;
      out.historyState = JSON.stringify(history.state ?? null);
      out.idb = indexedDB.databases ? (await indexedDB.databases()).map((d) => d.name) : [];
      out.valueAttrs = [...document.querySelectorAll('input')].filter((i) => i.hasAttribute('value')).map((i) => i.getAttribute('value'));
      return out;
    });
    assert.ok(scan.attributes.length > 100, `scanned the DOM attributes (${scan.attributes.length})`);
    assert.deepEqual(hit(scan.storage.join('\n')), [], 'localStorage/sessionStorage');
    assert.deepEqual(hit(scan.cookie), [], 'document.cookie');
    assert.deepEqual(hit(scan.href), [], 'location.href');
    assert.deepEqual(hit(scan.windowName), [], 'window.name');
    assert.deepEqual(hit(scan.historyState), [], 'history.state');
    assert.deepEqual(
      scan.attributes.filter((a) => hit(a).length),
      [],
      'no attribute of any element (value attributes included) holds the marker',
    );
    assert.deepEqual(hit(scan.outerHTML), [], 'serialised DOM');
    assert.deepEqual(hit(scan.valueAttrs.join('\n')), [], 'value attributes');
    assert.deepEqual(hit(scan.idb.join('\n')), [], 'IndexedDB database names');
    assert.deepEqual(scan.idb, [], 'no IndexedDB databases at all');

    // The registration export made after typing the password does not carry it.
    await gotoRoute(s, '#/info', '.reg-page input[name="name"]');
    const [dl] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('.reg-page button', { hasText: '导出为文件' }).click(),
    ]);
    const dir = path.join(OUT, 'password');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, dl.suggestedFilename() || 'export.json');
    await dl.saveAs(file);
    const exported = fs.readFileSync(file, 'utf8');
    assert.equal(JSON.parse(exported).format, 'zhongzhao-precheck/registration');
    assert.deepEqual(hit(exported), [], 'registration export');
    assert.deepEqual(hit(dl.suggestedFilename()), [], 'export file name');

    // Storage again after the page switch, then console and every request path the server saw.
    const storage2 = await page.evaluate(() => JSON.stringify({ ...window.localStorage }) + JSON.stringify({ ...window.sessionStorage }));
    assert.deepEqual(hit(storage2), [], 'storage after switching pages');
    assert.deepEqual(s.consoleLog.filter((m) => hit(m).length), [], 'console messages');
    assert.deepEqual(
      s.server.log.filter((e) => hit(e.path).length).map((e) => e.path),
      [],
      'request paths',
    );
    assert.deepEqual(hit(page.url()), [], 'page URL');

    // Back on the coach the fields start empty: nothing was kept to refill them.
    await gotoRoute(s, '#/password', PW);
    assert.equal(await page.inputValue(PW), '', 'password field empty after leaving the page');
  }),
);
