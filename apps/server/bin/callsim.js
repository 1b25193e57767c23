#!/usr/bin/env node
// The `callsim` command. Runs the compiled CLI (npm run build); in a source checkout
// without a build it says how to build instead of failing obscurely.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write(
    'callsim: the server is not built yet. Run `npm run build` (or `npm start`) in the repository root first.\n',
  );
  process.exit(1);
}
const { main } = await import(entry.href);
await main();
