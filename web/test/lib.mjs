// What the browser test (e2e.mjs) and the load benchmark (load.mjs) share: where things are,
// the built page, a real `threshold serve`, headless Chromium, and the page's probe.

import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const target = process.env.CARGO_TARGET_DIR || join(process.env.HOME, '.cache', 'threshold-target');
export const bin = process.env.THRESHOLD_BIN || join(target, 'debug', 'threshold');
export const dist = join(root, 'web', 'dist');
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// The built page's files: the module and the glue carry a content hash in their names.
export function built() {
  const files = existsSync(dist) ? readdirSync(dist) : [];
  const wasm = files.find((f) => /^threshold-[0-9a-f]{16}_bg\.wasm$/.test(f));
  const js = files.find((f) => /^threshold-[0-9a-f]{16}\.js$/.test(f));
  if (!wasm || !js || !files.includes('index.html')) {
    throw new Error('web/dist has no build: run web/build.sh first');
  }
  return { wasm, js };
}

// `threshold serve` on `addr` with `args`, once it answers.
export async function serve(addr, args, scheme = 'http') {
  const child = spawn(bin, ['serve', '--addr', addr, '--web-root', dist, ...args], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  for (let i = 0; i < 200; i++) {
    try {
      const r = await fetch(`${scheme}://${addr}/`);
      if (r.ok) return child;
    } catch {}
    await sleep(100);
  }
  child.kill('SIGTERM');
  throw new Error(`the server did not answer at ${addr}`);
}

// Headless Chromium as the tests run it: software WebGL (SwiftShader), nothing in the
// background that would touch the network.
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // The TLS step's certificate is the test's own.
      '--ignore-certificate-errors',
    ],
  });
}

// What the page shows, as its probe publishes it (src/client/probe.rs); null before it runs.
export async function state(page) {
  const s = await page.evaluate(() => window.__threshold || null);
  return s ? JSON.parse(s) : null;
}

// The lobby, connected, with its seats drawn.
export const inLobby = (s) => s.screen === 'Lobby' && s.link === 'ready' && Object.keys(s.marks).some((k) => k.startsWith('seat-'));
