#!/usr/bin/env node
// Makes sure what the test suite needs from outside npm is on the machine: Debian's chromium for
// the browser tests. Installs it when missing and we are allowed to (root with apt-get), so a
// fresh machine needs no manual step.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

function run(cmd) {
  execSync(cmd, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

if (!existsSync(CHROMIUM)) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  let hasApt = false;
  try { execSync('command -v apt-get', { stdio: 'ignore' }); hasApt = true; } catch { /* no apt */ }
  if (isRoot && hasApt) {
    console.log('[prepare] installing chromium for the browser tests (apt-get)…');
    run('apt-get update -qq');
    run('apt-get install -y -qq chromium');
  } else {
    console.error(`[prepare] ${CHROMIUM} is missing. Install Debian's chromium package (apt-get install chromium) or set CHROMIUM_PATH.`);
    process.exit(1);
  }
}
console.log(`[prepare] chromium: ${CHROMIUM}`);
