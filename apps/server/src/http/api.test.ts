// The REST API and the socket over real loopback connections: cookies, role and class
// checks on every route, localized errors without stack traces, revocation.
import { socketClientOptions } from '@callsim/protocol';
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, startTestServer, type TestServer } from '../testing/test-server.js';

let t: TestServer;
let adminCookie: string;
let teacherCookie: string;
let traineeCookie: string;

async function call(path: string, init: RequestInit & { cookie?: string; json?: unknown } = {}) {
  const { cookie, json, headers, ...rest } = init;
  const response = await fetch(`${t.url}/api${path}`, {
    ...rest,
    headers: {
      ...(cookie ? { cookie } : {}),
      ...(json !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
}

beforeAll(async () => {
  t = await startTestServer();
  adminCookie = await login(t.url, 'admin', 'admin123');
  teacherCookie = await login(t.url, 'teacher', 'teacher123');
  traineeCookie = await login(t.url, 'trainee1', 'trainee123');
});
afterAll(async () => {
  await t.close();
});

describe('REST API', () => {
  it('answers health without login', async () => {
    const { status, body } = await call('/health');
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'ok', database: 'sqlite' });
  });

  it('sets an httpOnly SameSite session cookie and revokes it on logout', async () => {
    const response = await fetch(`${t.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'trainee2', password: 'trainee123' }),
    });
    const setCookie = response.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/callsim_sid=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const cookie = setCookie.split(';')[0]!;
    expect((await call('/auth/session', { cookie })).status).toBe(200);
    expect((await call('/auth/logout', { method: 'POST', cookie })).status).toBe(204);
    expect((await call('/auth/session', { cookie })).status).toBe(401);
  });

  it('answers a wrong password in the request language, with no stack trace', async () => {
    const zh = await call('/auth/login', { method: 'POST', json: { username: 'admin', password: 'nope' } });
    expect(zh.status).toBe(401);
    expect(zh.body.error).toMatchObject({ code: 'AUTH_INVALID_CREDENTIALS', message: '用户名或密码错误。' });
    const en = await call('/auth/login', {
      method: 'POST',
      json: { username: 'nobody', password: 'nope' },
      headers: { 'accept-language': 'en-US,en;q=0.9' },
    });
    expect(en.body.error.message).toBe('Wrong username or password.');
    const malformed = await fetch(`${t.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"username":',
    });
    const text = await malformed.text();
    expect(malformed.status).toBe(400);
    expect(text).not.toMatch(/at .*\.(js|ts):\d+/);
    expect(JSON.parse(text).error.code).toBe('BAD_REQUEST');
  });

  it('names the invalid field', async () => {
    const { status, body } = await call('/users', {
      method: 'POST',
      cookie: adminCookie,
      json: { username: 'x y', password: 'password1', role: 'trainee' },
    });
    expect(status).toBe(400);
    expect(body.error.details.field).toBe('username');
    expect(body.error.message).toContain('username');
  });

  it('checks the role on every admin route', async () => {
    const routes: [string, string, unknown?][] = [
      ['POST', '/users', { username: 'eve', password: 'password1', role: 'admin' }],
      ['PATCH', '/users/x', { disabled: true }],
      ['POST', '/users/x/password', { password: 'password1' }],
      ['POST', '/classes', { name: 'X' }],
      ['POST', '/classes/x/members', { userId: 'x', roleInClass: 'trainee' }],
    ];
    for (const [method, path, json] of routes) {
      expect((await call(path, { method, json })).status, `${method} ${path} anonymous`).toBe(401);
      expect(
        (await call(path, { method, json, cookie: traineeCookie })).status,
        `${method} ${path} trainee`,
      ).toBe(403);
      expect(
        (await call(path, { method, json, cookie: teacherCookie })).status,
        `${method} ${path} evaluator`,
      ).toBe(403);
    }
    expect((await call('/users', { cookie: traineeCookie })).status).toBe(403);
    expect((await call('/users', { cookie: teacherCookie })).status).toBe(200);
  });

  it('keeps an evaluator inside their own classes and logs the refusal', async () => {
    const created = await call('/classes', { method: 'POST', cookie: adminCookie, json: { name: '其他班' } });
    expect(created.status).toBe(201);
    const other = await call('/users', {
      method: 'POST',
      cookie: adminCookie,
      json: { username: 'outsider', password: 'password1', role: 'trainee', className: '其他班' },
    });
    expect(other.status).toBe(201);
    expect((await call(`/classes/${created.body.id}/members`, { cookie: teacherCookie })).status).toBe(403);
    expect((await call(`/users/${other.body.id}`, { cookie: teacherCookie })).status).toBe(403);
    expect((await call(`/users/${other.body.id}`, { cookie: traineeCookie })).status).toBe(403);
    const teacherClasses = await call('/classes', { cookie: teacherCookie });
    expect(teacherClasses.body.map((c: { name: string }) => c.name)).toEqual(['电商2401班']);
    const audit = await t.server.ctx.db
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'access.denied')
      .execute();
    expect(audit.some((a) => a.target === `user:${other.body.id}`)).toBe(true);
  });

  it('signs a user out everywhere when an admin resets the password', async () => {
    const created = await call('/users', {
      method: 'POST',
      cookie: adminCookie,
      json: { username: 'resetme', password: 'password1', role: 'trainee' },
    });
    const cookie = await login(t.url, 'resetme', 'password1');
    expect(
      (
        await call(`/users/${created.body.id}/password`, {
          method: 'POST',
          cookie: adminCookie,
          json: { password: 'password2' },
        })
      ).status,
    ).toBe(204);
    expect((await call('/auth/session', { cookie })).status).toBe(401);
    await expect(login(t.url, 'resetme', 'password1')).rejects.toThrow(/401/);
    await expect(login(t.url, 'resetme', 'password2')).resolves.toMatch(/callsim_sid/);
  });

  it('imports a roster CSV through the API', async () => {
    const response = await fetch(`${t.url}/api/users/roster?class=${encodeURIComponent('电商2403班')}`, {
      method: 'POST',
      headers: { cookie: adminCookie, 'content-type': 'text/csv' },
      body: 'username,name,password,role\nr1,One,password1,trainee\nr 2,Two,password2,trainee\n',
    });
    const body = await response.json();
    expect(body).toMatchObject({
      imported: 1,
      skipped: 1,
      problems: [{ row: 3, field: 'username', code: 'username.invalid' }],
    });
    const classes = await call('/classes', { cookie: adminCookie });
    expect(classes.body.find((c: { name: string }) => c.name === '电商2403班').traineeCount).toBe(1);
  });

  it('lets a whole class log in from one address, but locks a username after repeated failures', async () => {
    for (let i = 0; i < 30; i++)
      await expect(login(t.url, 'trainee1', 'trainee123')).resolves.toMatch(/callsim_sid/);
    for (let i = 0; i < 10; i++) {
      expect(
        (await call('/auth/login', { method: 'POST', json: { username: 'teacher', password: 'guess' } }))
          .status,
      ).toBe(401);
    }
    const locked = await call('/auth/login', {
      method: 'POST',
      json: { username: 'teacher', password: 'teacher123' },
    });
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('AUTH_RATE_LIMITED');
    await expect(login(t.url, 'trainee2', 'trainee123')).resolves.toMatch(/callsim_sid/);
  });

  it('answers an unknown API route with 404 JSON, and serves the web UI elsewhere', async () => {
    const missing = await call('/nope', { cookie: adminCookie });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('NOT_FOUND');
  });
});

describe('socket.io', () => {
  it('refuses a connection without a session', async () => {
    const socket = connect(t.url, {
      ...socketClientOptions(),
      transports: ['websocket'],
      reconnection: false,
    });
    const error = await new Promise<Error>((resolve) => socket.on('connect_error', resolve));
    expect(error.message).toBe('AUTH_REQUIRED');
    socket.close();
  });

  it('greets a logged-in user and disconnects the socket when the session is revoked', async () => {
    const cookie = await login(t.url, 'trainee3', 'trainee123');
    const socket = connect(t.url, {
      ...socketClientOptions(),
      transports: ['websocket'],
      reconnection: false,
      extraHeaders: { cookie },
    });
    const hello = await new Promise<{ username: string; role: string }>((resolve) =>
      socket.on('session:hello', resolve),
    );
    expect(hello).toMatchObject({ username: 'trainee3', role: 'trainee' });
    const pong = await socket.timeout(2000).emitWithAck('session:ping', { clientTimeMs: Date.now() });
    expect(pong.ok).toBe(true);
    const revoked = new Promise<void>((resolve) => socket.on('session:revoked', () => resolve()));
    const disconnected = new Promise<string>((resolve) => socket.on('disconnect', resolve));
    await call('/auth/logout', { method: 'POST', cookie });
    await revoked;
    expect(await disconnected).toBe('io server disconnect');
  });
});
