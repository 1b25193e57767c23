#!/usr/bin/env node
// One set-up step for `npm start` and `npm test` (run as their pre-scripts):
//   1. Debian packages the app (or the tests) need: installed with apt-get when root,
//      otherwise the exact command is printed and set-up stops.
//   2. npm dependencies: `npm ci` when node_modules is missing or older than the lock.
//   3. Build: `npm run build` when any source is newer than the last build.
// Plain Node ESM with no dependencies, so it runs on a fresh clone.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const purpose = process.argv.includes('--for') ? process.argv[process.argv.indexOf('--for') + 1] : 'start';

/** Debian packages by purpose. The app runs without the optional ones (features say so). */
const APT_PACKAGES = {
  start: ['espeak-ng', 'sox', 'libsox-fmt-all', 'pocketsphinx', 'pocketsphinx-en-us'],
  test: [
    'espeak-ng',
    'sox',
    'libsox-fmt-all',
    'pocketsphinx',
    'pocketsphinx-en-us',
    'praat',
    'chromium',
    'fonts-noto-cjk',
    'asterisk-core-sounds-en-wav',
  ],
};

function log(message) {
  process.stdout.write(`[setup] ${message}\n`);
}

function isInstalled(pkg) {
  // biome-ignore lint/suspicious/noTemplateCurlyInString: dpkg-query's own format syntax
  const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return result.status === 0 && result.stdout.includes('install ok installed');
}

function ensureAptPackages(packages) {
  if (!existsSync('/usr/bin/dpkg-query')) {
    log(`not a Debian system: make sure these are installed: ${packages.join(' ')}`);
    return;
  }
  const missing = packages.filter((pkg) => !isInstalled(pkg));
  if (missing.length === 0) return;
  const command = `apt-get update && apt-get install -y --no-install-recommends ${missing.join(' ')}`;
  if (process.getuid?.() !== 0) {
    log(`these Debian packages are missing: ${missing.join(' ')}`);
    log(`install them, then run the command again:\n\n    sudo sh -c '${command}'\n`);
    process.exit(1);
  }
  log(`installing Debian packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('sh', ['-c', command], { stdio: 'inherit', env });
}

function newestMtimeMs(dir, skip = new Set(['node_modules', 'dist', '.git'])) {
  let newest = 0;
  if (!existsSync(dir)) return 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (skip.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtimeMs(full, skip) : statSync(full).mtimeMs);
  }
  return newest;
}

function run(cmd, args) {
  const result = spawnSync(cmd, args, {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, ONNXRUNTIME_NODE_INSTALL: 'skip' },
  });
  if (result.status !== 0) {
    log(`“${cmd} ${args.join(' ')}” failed (exit ${result.status})`);
    process.exit(result.status ?? 1);
  }
}

function ensureNodeModules() {
  const stamp = path.join(ROOT, 'node_modules/.package-lock.json');
  const lock = path.join(ROOT, 'package-lock.json');
  if (existsSync(stamp) && statSync(stamp).mtimeMs >= statSync(lock).mtimeMs) return;
  log('installing npm dependencies (npm ci)…');
  run('npm', ['ci', '--no-audit', '--no-fund']);
}

function ensureBuild() {
  const stampDir = path.join(ROOT, '.cache');
  const stamp = path.join(stampDir, 'build-stamp');
  const sources = Math.max(
    newestMtimeMs(path.join(ROOT, 'apps')),
    newestMtimeMs(path.join(ROOT, 'packages')),
    statSync(path.join(ROOT, 'package-lock.json')).mtimeMs,
  );
  const built = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
  const webBuilt = existsSync(path.join(ROOT, 'apps/web/dist/index.html'));
  const serverBuilt = existsSync(path.join(ROOT, 'apps/server/dist/cli/main.js'));
  if (built >= sources && webBuilt && serverBuilt) return;
  log('building (npm run build)…');
  run('npm', ['run', 'build']);
  mkdirSync(stampDir, { recursive: true });
  writeFileSync(stamp, new Date().toISOString());
}

ensureAptPackages(APT_PACKAGES[purpose] ?? APT_PACKAGES.start);
ensureNodeModules();
if (purpose === 'start') ensureBuild();
log('ready');
