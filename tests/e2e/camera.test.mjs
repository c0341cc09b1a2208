// The camera guide (#/camera) with Chromium's fake camera playing generated videos of a real CC0
// portrait of an adult on a blue wall (`make_fixtures`: camera/*.y4m): the hint each scene must
// get, the analysed frame rate (printed, not asserted: performance is a benchmark's job), the shutter
// handing the picture to the photo check, the camera released when the tab is hidden and when the
// page is left, and the message plus file input when the camera is refused or unavailable.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, withPage, fixture, readState } from './harness.mjs';

const T = { timeout: 240_000 };
const GUIDE = '[data-testid="camera-guide"]';

/** A browser whose camera plays `camera/<video>.y4m` in a loop; permission granted without a prompt. */
const camera = (video) =>
  setup({
    args: [
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      `--use-file-for-fake-video-capture=${fixture(`camera/${video}.y4m`)}`,
    ],
  });

/** Records every camera stream the page opens, so the test can see whether its tracks were stopped. */
const recordStreams = (page) =>
  page.addInitScript(() => {
    window.__streams = [];
    const open = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
    navigator.mediaDevices.getUserMedia = async (c) => {
      const stream = await open(c);
      window.__streams.push(stream);
      return stream;
    };
  });
const liveTracks = (page) =>
  page.evaluate(() => window.__streams.flatMap((s) => s.getTracks()).filter((t) => t.readyState === 'live').length);

const guide = (page) =>
  page.evaluate((sel) => {
    const g = document.querySelector(sel);
    return g && { hint: g.dataset.hint, fps: Number(g.dataset.fps), frames: Number(g.dataset.frames), phase: g.dataset.phase };
  }, GUIDE);

/** Waits for `hint`, then for at least 30 analysed frames, and prints the frame rate. */
async function expectHint(page, video, hint) {
  try {
    await page.waitForFunction(
      ([sel, h]) => document.querySelector(sel)?.dataset.hint === h,
      [GUIDE, hint],
      { timeout: 120_000 },
    );
  } catch (e) {
    throw new Error(`${video}: expected hint ${hint}, page shows ${JSON.stringify(await guide(page))}: ${e.message}`);
  }
  await page.waitForFunction((sel) => Number(document.querySelector(sel)?.dataset.frames) >= 30, GUIDE, { timeout: 120_000 });
  const g = await guide(page);
  console.log(`camera-guide video=${video} hint=${g.hint} fps=${g.fps} frames=${g.frames}`);
  assert.equal(g.hint, hint, `${video}: the hint stays ${hint}`);
}

for (const [video, hint] of [
  ['far', 'too-far'],
  ['near', 'too-close'],
  ['dark', 'dark'],
  ['empty', 'no-face'],
]) {
  test(`fake camera "${video}": the guide says ${hint}`, T, async () => {
    const env = await camera(video);
    try {
      await withPage(
        env,
        '#/camera',
        async (s) => {
          await expectHint(s.page, video, hint);
          // The frames need the detector alone: the worker fetched no other model.
          const worker = s.page.workers().find((w) => /\/face_worker_loader\.js$/.test(w.url()));
          const fetched = await worker.evaluate(() =>
            performance
              .getEntriesByType('resource')
              .map((e) => new URL(e.name).pathname)
              .filter((p) => p.startsWith('/models/')),
          );
          assert.deepEqual(fetched, ['/models/face_detection_short_range.nnefq'], `${video}: models fetched`);
        },
        { waitFor: GUIDE },
      );
    } finally {
      await env.close();
    }
  });
}

test('fake camera "framed": ok, the shutter opens the photo check with the picture, the camera is released', T, async () => {
  const env = await camera('framed');
  try {
    const s = await env.open('#/', {});
    try {
      await recordStreams(s.page);
      // A new document (the query), so the init script runs before the app.
      await s.page.goto(`${env.server.origin}/?camera#/camera`);
      await s.page.waitForSelector(GUIDE);
      await expectHint(s.page, 'framed', 'ok');
      assert.ok((await liveTracks(s.page)) >= 1, 'the camera is on');

      // A hidden tab releases the camera; shown again, it reopens and the guide goes on.
      await s.page.evaluate(() => {
        Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
        document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
      });
      await s.page.waitForFunction(() => window.__streams.every((x) => x.getTracks().every((t) => t.readyState === 'ended')));
      await s.page.evaluate(() => {
        Object.defineProperty(document, 'hidden', { configurable: true, get: () => false });
        document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
      });
      await s.page.waitForFunction((sel) => document.querySelector(sel)?.dataset.phase === 'live', GUIDE);
      assert.equal(await liveTracks(s.page), 1, 'one camera stream again after the tab is shown');

      await s.page.click('[data-testid="camera-shutter"]');
      await s.page.waitForFunction(() => location.hash === '#/photo');
      await s.page.waitForSelector('[data-report="input"][data-verdict]');
      const r = await readState(s.page, 'input');
      assert.match(r.text + (await s.page.locator('.preview figcaption').innerText()), /相机拍摄-\d{8}-\d{6}\.jpg/, 'the picture is named as taken');
      assert.ok('image.dimensions' in r.checks, `the photo check ran on the picture: ${JSON.stringify(r.checks)}`);
      assert.equal(await liveTracks(s.page), 0, 'the camera is off once the picture is taken');
    } finally {
      await s.context.close();
    }
  } finally {
    await env.close();
  }
});

test('camera refused or unavailable: a Chinese message and a file input with capture that opens the photo check', T, async () => {
  const env = await setup();
  try {
    for (const [why, script, expected] of [
      [
        'permission denied',
        () => {
          navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('denied', 'NotAllowedError'));
        },
        /没有得到使用摄像头的许可/,
      ],
      [
        'insecure context',
        () => {
          Object.defineProperty(Navigator.prototype, 'mediaDevices', { configurable: true, get: () => undefined });
        },
        /需要 https/,
      ],
    ]) {
      const s = await env.open('#/', {});
      try {
        await s.page.addInitScript(script);
        await s.page.goto(`${env.server.origin}/?camera#/camera`);
        await s.page.waitForFunction((sel) => document.querySelector(sel)?.dataset.phase === 'unavailable', GUIDE);
        const alert = await s.page.locator('.camera-unavailable').innerText();
        assert.match(alert, expected, `${why}: ${alert}`);
        const input = s.page.locator('input[data-testid="camera-fallback"]');
        assert.equal(await input.getAttribute('capture'), 'environment', `${why}: the input opens the camera app on phones`);
        await input.setInputFiles(fixture('face-good.jpg'));
        await s.page.waitForFunction(() => location.hash === '#/photo');
        await s.page.waitForSelector('[data-report="input"][data-verdict]');
        assert.deepEqual(s.pageErrors, [], `${why}: page errors`);
        assert.deepEqual(s.offOrigin, [], `${why}: requests left the origin`);
      } finally {
        await s.context.close();
      }
    }
  } finally {
    await env.close();
  }
});
