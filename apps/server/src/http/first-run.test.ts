// Production first run: no default passwords; the setup page creates the first admin
// only with the token printed at start, and closes once an admin exists.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, startTestServer, type TestServer } from '../testing/test-server.js';

let t: TestServer;

beforeAll(async () => {
  t = await startTestServer({ NODE_ENV: 'production', CALLSIM_SEED_DEMO: 'false' });
});
afterAll(async () => {
  await t.close();
});

async function post(path: string, json: unknown) {
  const response = await fetch(`${t.url}/api${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(json),
  });
  return { status: response.status, body: await response.json() };
}

describe('first run in production', () => {
  it('has no demo accounts', async () => {
    await expect(login(t.url, 'admin', 'admin123')).rejects.toThrow(/401/);
    const status = await (await fetch(`${t.url}/api/setup/status`)).json();
    expect(status).toEqual({ needsSetup: true });
  });

  it('refuses a wrong setup token, accepts the printed one, then closes', async () => {
    const wrong = await post('/setup', { token: 'guess', username: 'root', password: 'rootpassword' });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.code).toBe('SETUP_TOKEN_INVALID');
    const token = t.server.ctx.setupGate.open();
    const weak = await post('/setup', { token, username: 'root', password: 'short' });
    expect(weak.body.error.code).toBe('PASSWORD_TOO_WEAK');
    const ok = await post('/setup', { token, username: 'root', password: 'rootpassword' });
    expect(ok.status).toBe(201);
    expect(ok.body.role).toBe('admin');
    await expect(login(t.url, 'root', 'rootpassword')).resolves.toMatch(/callsim_sid/);
    const again = await post('/setup', { token, username: 'root2', password: 'rootpassword' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('SETUP_ALREADY_DONE');
  });
});
