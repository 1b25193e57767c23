// PostgreSQL for e2e tests: the server TEST_DATABASE_URL names, else the local one
// scripts/services/start-postgres.sh starts (it prints the URL last). Each test run gets
// a database of its own, dropped afterwards, so runs never see each other's rows.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { REPO_ROOT } from './server-process.js';

/** Why PostgreSQL tests cannot run here, or null when they can. */
export function postgresUnavailableReason(): string | null {
  if (process.env.TEST_DATABASE_URL) return null;
  const root = '/usr/lib/postgresql';
  const installed =
    existsSync(root) &&
    readdirSync(root).some((version) => existsSync(path.join(root, version, 'bin/postgres')));
  return installed
    ? null
    : 'no TEST_DATABASE_URL and PostgreSQL is not installed (apt-get install postgresql)';
}

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(prefix: string): Promise<TestDatabase> {
  const baseUrl =
    process.env.TEST_DATABASE_URL ??
    execFileSync('bash', [path.join(REPO_ROOT, 'scripts/services/start-postgres.sh')], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .at(-1)!;
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: baseUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
