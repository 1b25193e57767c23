// A real server for API tests: its own temporary data folder, SQLite, port 0 on
// loopback, demo data seeded. `login` returns the session cookie like a browser keeps it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../config/config.js';
import { createLogger } from '../logging/logger.js';
import { type RunningServer, startServer } from '../server.js';

export interface TestServer {
  server: RunningServer;
  url: string;
  dataDir: string;
  close(): Promise<void>;
}

export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'callsim-api-'));
  const config = loadConfig({
    env: { NODE_ENV: 'test', CALLSIM_SEED_DEMO: 'true', LOG_LEVEL: 'silent', ...env },
    overrides: { port: 0, host: '127.0.0.1', dataDir },
  });
  const server = await startServer(config, createLogger(config));
  return {
    server,
    url: `http://127.0.0.1:${server.port}`,
    dataDir,
    async close() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function login(url: string, username: string, password: string): Promise<string> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok) throw new Error(`login ${username} failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers.get('set-cookie') ?? '';
  return cookie.split(';')[0] ?? '';
}
