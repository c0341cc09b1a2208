// Dev-only measurement (not part of the suite: its name does not end in .test.mjs): the class page
// on a class of phone-size photos in headless Chromium, printing the peak memory.
//
//   cd tests/e2e && [CARDS=1] node class-memory.mjs [COUNT=60] [WIDTH=3000] [HEIGHT=4000]
//
// With CARDS=1 each student also gets an ID image: a HEIGHT×WIDTH (landscape) phone photo of a
// FICTIONAL card bearing the student's ID, drawn by `cargo run --profile cli --example card_photos`
// and named `<ID>身份证.jpg`, so the class is COUNT photos + COUNT ID images.
//
// The photos are the CC0 real portraits (../shared/real-portraits, outside the repository) drawn
// onto a WIDTH×HEIGHT canvas with sensor-like noise and saved as JPEGs (quality 0.92, cached under
// the OS temp folder), each named by a generated student's ID. Sampled every 200 ms while the page
// checks and then fixes them all: the page's JS heap (CDP Performance.getMetrics JSHeapUsedSize)
// and the resident memory of every Chromium process started by this script (the tab's renderer,
// which holds the page and its workers' wasm memories, and the rest).

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { setup, REPO } from './harness.mjs';

const [COUNT, WIDTH, HEIGHT] = [60, 3000, 4000].map((d, i) => Number(process.argv[2 + i] ?? d));
const PORTRAITS = path.resolve(REPO, '..', 'shared', 'real-portraits');
const WORK = path.join(os.tmpdir(), `class-memory-${COUNT}-${WIDTH}x${HEIGHT}`);
const CARDS = process.env.CARDS === '1';

/** A valid, fictional ID number: Zhengzhou Zhongyuan district, born 2010, sequence `n`. */
function id(n) {
  const month = String(1 + (n % 12)).padStart(2, '0');
  const day = String(1 + (n % 28)).padStart(2, '0');
  const body = `4101022010${month}${day}${String(100 + n).slice(-3)}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, c, i) => s + Number(c) * weights[i], 0);
  return body + '10X98765432'[sum % 11];
}

const SURNAMES = [...'王李张刘陈杨黄赵周吴'];
const GIVEN = [...'明轩雨桐子涵思远欣怡浩然'];
const name = (n) => SURNAMES[n % SURNAMES.length] + GIVEN[Math.floor(n / SURNAMES.length) % GIVEN.length] + GIVEN[(n * 7) % GIVEN.length];

/** The resident memory (bytes) of every process descended from this one, by role. */
function chromiumRss() {
  const children = new Map();
  for (const pid of fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const ppid = Number(fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(pid)]);
    } catch {
      // gone meanwhile
    }
  }
  const out = { renderer: 0, total: 0 };
  const walk = (pid) => {
    for (const child of children.get(pid) ?? []) {
      try {
        const rss = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${child}/status`, 'utf8'))?.[1] ?? 0) * 1024;
        const cmd = fs.readFileSync(`/proc/${child}/cmdline`, 'utf8');
        out.total += rss;
        if (cmd.includes('--type=renderer')) out.renderer = Math.max(out.renderer, rss);
      } catch {
        // gone meanwhile
      }
      walk(child);
    }
  };
  walk(process.pid);
  return out;
}

async function makePhotos(browser) {
  fs.mkdirSync(WORK, { recursive: true });
  const sources = fs.readdirSync(PORTRAITS).filter((f) => f.endsWith('.jpg')).sort();
  if (sources.length === 0) throw new Error(`no portraits in ${PORTRAITS}`);
  const page = await browser.newPage();
  const files = [];
  for (let n = 0; n < COUNT; n++) {
    const file = path.join(WORK, `${id(n)}.jpg`);
    files.push(file);
    if (fs.existsSync(file)) continue;
    const src = fs.readFileSync(path.join(PORTRAITS, sources[n % sources.length])).toString('base64');
    const b64 = await page.evaluate(
      async ({ src, w, h, seed }) => {
        const img = new Image();
        img.src = `data:image/jpeg;base64,${src}`;
        await img.decode();
        const canvas = new OffscreenCanvas(w, h);
        const ctx = canvas.getContext('2d');
        // Cover the canvas, as a phone's portrait photo frames a person.
        const k = Math.max(w / img.width, h / img.height);
        ctx.drawImage(img, (w - img.width * k) / 2, (h - img.height * k) / 2, img.width * k, img.height * k);
        const data = ctx.getImageData(0, 0, w, h);
        let x = seed * 2654435761;
        for (let i = 0; i < data.data.length; i += 4) {
          x = (x * 1103515245 + 12345) >>> 0;
          const noise = ((x >>> 24) % 13) - 6;
          data.data[i] += noise;
          data.data[i + 1] += noise;
          data.data[i + 2] += noise;
        }
        ctx.putImageData(data, 0, 0);
        const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.92 });
        const bytes = new Uint8Array(await blob.arrayBuffer());
        let s = '';
        for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
        return btoa(s);
      },
      { src, w: WIDTH, h: HEIGHT, seed: n + 1 },
    );
    fs.writeFileSync(file, Buffer.from(b64, 'base64'));
  }
  await page.close();
  if (CARDS) {
    const ids = Array.from({ length: COUNT }, (_, n) => id(n));
    const cards = path.join(WORK, 'cards');
    execFileSync('cargo', ['run', '--quiet', '--profile', 'cli', '--example', 'card_photos', '--', cards, String(HEIGHT), String(WIDTH), ...ids], {
      cwd: REPO,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    for (const n of ids) files.push(path.join(cards, `${n}身份证.jpg`));
  }
  const roster = path.join(WORK, '花名册.csv');
  fs.writeFileSync(roster, '姓名,身份证号\n' + Array.from({ length: COUNT }, (_, n) => `${name(n)},${id(n)}\n`).join(''));
  return { files, roster };
}

const env = await setup();
try {
  const { files, roster } = await makePhotos(env.browser);
  const bytes = files.reduce((s, f) => s + fs.statSync(f).size, 0);
  const s = await env.open('#/class');
  const { page } = s;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const peak = { heap: 0, renderer: 0, total: 0 };
  const base = { ...chromiumRss() };
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      const { metrics } = await cdp.send('Performance.getMetrics').catch(() => ({ metrics: [] }));
      const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
      const rss = chromiumRss();
      peak.heap = Math.max(peak.heap, heap);
      peak.renderer = Math.max(peak.renderer, rss.renderer);
      peak.total = Math.max(peak.total, rss.total);
      await new Promise((r) => setTimeout(r, 200));
    }
  })();
  await page.setInputFiles('input[type="file"][data-testid="class-roster"]', roster);
  await page.waitForFunction((n) => document.querySelectorAll('[data-student]').length === n, COUNT);
  const t0 = Date.now();
  await page.setInputFiles('input[type="file"][data-testid="class-files"]', files);
  const progress = '[data-testid="class-progress"]';
  // Reading and sorting the files (class worker) ends where the checks start.
  await page.waitForSelector(`${progress}[data-total="${files.length}"]`, { state: 'attached', timeout: 3_600_000 });
  const intakeMs = Date.now() - t0;
  await page.waitForSelector(`${progress}[data-state="done"][data-total="${files.length}"]`, { state: 'attached', timeout: 3_600_000 });
  const checkMs = Date.now() - t0;
  const afterCheck = { ...peak };
  const f0 = Date.now();
  await page.click('[data-testid="class-fix-all"]');
  await page.waitForSelector('a[data-testid="class-download-zip"]', { state: 'attached', timeout: 3_600_000 });
  const fixMs = Date.now() - f0;
  sampling = false;
  await sampler;
  const mb = (v) => (v / 1048576).toFixed(0);
  const tallyOf = async (attr) => {
    const statuses = await page.$$eval('[data-student]', (rows, a) => rows.map((r) => r.getAttribute(a)), attr);
    return statuses.reduce((t, v) => ({ ...t, [v]: (t[v] ?? 0) + 1 }), {});
  };
  const tally = { photo: await tallyOf('data-photo-status'), document: await tallyOf('data-document-status') };
  console.log(
    `# class-memory students=${COUNT} files=${files.length} size=${WIDTH}x${HEIGHT} files_mb=${mb(bytes)} cores=${os.cpus().length}` +
      ` statuses=${JSON.stringify(tally)} intake_ms=${intakeMs} check_ms=${checkMs} fix_ms=${fixMs} per_student_ms=${Math.round((checkMs + fixMs) / COUNT)}`,
  );
  console.log(
    `# class-memory before: renderer_mb=${mb(base.renderer)} chromium_total_mb=${mb(base.total)};` +
      ` peak during check: js_heap_mb=${mb(afterCheck.heap)} renderer_mb=${mb(afterCheck.renderer)} chromium_total_mb=${mb(afterCheck.total)};` +
      ` peak overall (check + fix all): js_heap_mb=${mb(peak.heap)} renderer_mb=${mb(peak.renderer)} chromium_total_mb=${mb(peak.total)}`,
  );
  await s.context.close();
} finally {
  await env.close();
}
