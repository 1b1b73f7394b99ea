// A benchmark, not a test: how long a student waits, and how much is sent, from opening a
// join link to the lobby with its seats. A real `threshold serve` serves web/dist; headless
// Chromium opens `/?code=…&name=…` with its network throttled through the DevTools protocol
// (10 Mbit/s down, 2 Mbit/s up, 40 ms latency): a cold visit (empty cache), then a warm one
// (the same browser profile opening the link again), and a cold visit unthrottled.
//
//   node web/test/load.mjs            (after web/build.sh; LOAD_RUNS=N repeats, default 3)
//
// Prints each run and the median of each kind; compares them with the targets in the README.

import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root, bin, sleep, built, serve, launch, state, inLobby } from './lib.mjs';

const runs = Number(process.env.LOAD_RUNS || 3);
const port = 20000 + Math.floor(Math.random() * 20000);
const addr = `127.0.0.1:${port}`;
const throttle = { offline: false, latency: 40, downloadThroughput: 10e6 / 8, uploadThroughput: 2e6 / 8 };
const targets = {
  'cold, 10 Mbit/s': { bytes: 5e6, ms: 7000 },
  'warm, 10 Mbit/s': { bytes: 100e3, ms: 3000 },
  'cold, unthrottled': { ms: 3000 },
};

// Opens `url` in `page` and waits for the lobby; returns the bytes the network carried
// (bodies as sent, compressed, with their headers) and the time.
async function visit(page, url, conditions) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  if (conditions) await cdp.send('Network.emulateNetworkConditions', conditions);
  let bytes = 0;
  // What each file came as: from the browser's cache, or over the network with its encoding
  // and the bytes it took (a revalidated page takes a few hundred: its 304).
  const names = new Map();
  const answers = [];
  cdp.on('Network.responseReceived', ({ requestId, response: r }) => {
    const name = new URL(r.url).pathname.replace(/^\/$/, 'index.html').replace(/^\//, '').replace(/-[0-9a-f]{16}/, '');
    if (r.fromDiskCache || r.fromPrefetchCache) answers.push(`${name} from cache`);
    else names.set(requestId, `${name} ${r.headers['content-encoding'] || r.headers['Content-Encoding'] || 'identity'}`);
  });
  cdp.on('Network.loadingFinished', (e) => {
    bytes += e.encodedDataLength;
    if (names.has(e.requestId)) answers.push(`${names.get(e.requestId)} ${kb(e.encodedDataLength)}`);
  });
  const start = Date.now();
  await page.goto(url);
  for (;;) {
    const s = await state(page).catch(() => null);
    if (s && inLobby(s)) break;
    if (Date.now() - start > 120000) throw new Error(`no lobby after 120 s at ${url}`);
    await sleep(25);
  }
  const ms = Date.now() - start;
  // Where the time went, from the page's marks (web/index.html), since navigation began.
  const marks = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType('mark')
    .filter((m) => m.name.startsWith('threshold-')).map((m) => [m.name.slice(10), Math.round(m.startTime)])));
  await cdp.detach();
  return { bytes, ms, answers, marks };
}

const kb = (n) => (n >= 1e6 ? `${(n / 1e6).toFixed(2)} MB` : `${(n / 1e3).toFixed(1)} kB`);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const files = built();
  const data = mkdtempSync(join(tmpdir(), 'threshold-load-'));
  const server = await serve(addr, ['--open', '--data-dir', data]);
  let browser;
  try {
    const created = execFileSync(bin, ['exercise', 'create', join(root, 'scenarios', 'estonia_2007.ron'), '--server', addr], { encoding: 'utf8' });
    const code = /join code: (\S+)/.exec(created)[1];
    console.log(`module ${files.wasm}; exercise ${code}; ${runs} run(s) of each`);
    browser = await launch();
    const results = Object.fromEntries(Object.keys(targets).map((k) => [k, []]));
    for (let i = 1; i <= runs; i++) {
      // A new context is a new profile: nothing cached. The warm visit is the same student
      // opening the same link again later (the page remembers the seat).
      const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
      const url = `http://${addr}/?code=${code}&name=Student${i}`;
      let page = await context.newPage();
      results['cold, 10 Mbit/s'].push(await visit(page, url, throttle));
      await page.close();
      page = await context.newPage();
      results['warm, 10 Mbit/s'].push(await visit(page, url, throttle));
      await context.close();
      const fresh = await browser.newContext({ viewport: { width: 1280, height: 720 } });
      results['cold, unthrottled'].push(await visit(await fresh.newPage(), `http://${addr}/?code=${code}&name=Fast${i}`, null));
      await fresh.close();
      for (const [kind, list] of Object.entries(results)) {
        const r = list[list.length - 1];
        const marks = Object.entries(r.marks).map(([k, v]) => `${k} ${v} ms`).join(', ');
        console.log(`run ${i} ${kind}: ${kb(r.bytes)} (${r.answers.join(', ')}), lobby in ${(r.ms / 1000).toFixed(2)} s (${marks})`);
      }
    }
    console.log('median of each kind, against the targets:');
    for (const [kind, list] of Object.entries(results)) {
      const bytes = median(list.map((r) => r.bytes));
      const ms = median(list.map((r) => r.ms));
      const t = targets[kind];
      const verdict = [
        t.bytes ? `${bytes <= t.bytes ? 'within' : 'OVER'} ${t.bytes / 1e6} MB` : null,
        `${ms <= t.ms ? 'within' : 'OVER'} ${t.ms / 1000} s`,
      ].filter(Boolean).join(', ');
      console.log(`load ${kind}: ${kb(bytes)}, lobby in ${(ms / 1000).toFixed(2)} s (${verdict})`);
    }
  } finally {
    if (browser) await browser.close();
    server.kill('SIGTERM');
  }
}

main().catch((e) => {
  console.error(`load benchmark failed: ${e.stack || e}`);
  process.exit(1);
});
