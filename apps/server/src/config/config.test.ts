// Configuration: defaults, precedence (file < env < flags), and errors that name the setting.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, effectiveDatabaseUrl, loadConfig } from './config.js';

const cwd = '/srv/callsim';

describe('loadConfig', () => {
  it('runs on embedded defaults: port 3000, SQLite under ./data, recordings in ./recordings, demo data in development', () => {
    const config = loadConfig({ env: {}, cwd });
    expect(config.port).toBe(3000);
    expect(effectiveDatabaseUrl(config)).toBe('sqlite:/srv/callsim/data/callsim.sqlite');
    expect(config.recordingsDir).toBe('/srv/callsim/recordings');
    expect(config.seedDemo).toBe(true);
  });

  it('keeps recordings inside a custom data folder', () => {
    expect(loadConfig({ env: {}, cwd, overrides: { dataDir: '/tmp/x' } }).recordingsDir).toBe(
      '/tmp/x/recordings',
    );
  });

  it('lets the environment beat the file and flags beat the environment', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cfg-'));
    const file = path.join(dir, 'callsim.json');
    writeFileSync(file, JSON.stringify({ port: 4000, logLevel: 'debug' }));
    const config = loadConfig({
      env: { CALLSIM_CONFIG: file, PORT: '5000' },
      cwd,
      overrides: { port: '6000' },
    });
    expect(config.port).toBe(6000);
    expect(config.logLevel).toBe('debug');
    expect(loadConfig({ env: { CALLSIM_CONFIG: file, PORT: '5000' }, cwd }).port).toBe(5000);
  });

  it('names the environment variable of a wrong value', () => {
    expect(() => loadConfig({ env: { PORT: 'eighty' }, cwd })).toThrow(ConfigError);
    expect(() => loadConfig({ env: { PORT: 'eighty' }, cwd })).toThrow(/PORT/);
    expect(() => loadConfig({ env: { DATABASE_URL: 'mysql://x' }, cwd })).toThrow(
      /DATABASE_URL: must be postgres/,
    );
    expect(() => loadConfig({ env: { LOG_LEVEL: 'loud' }, cwd })).toThrow(/LOG_LEVEL/);
  });

  it('takes a Redis URL and a node id for scale-out, and names them when wrong', () => {
    const single = loadConfig({ env: {}, cwd });
    expect(single.redisUrl).toBeUndefined();
    expect(single.nodeId).toMatch(/^.+:\d+$/);
    const node = loadConfig({
      env: { REDIS_URL: 'redis://:secret@cache.internal:6380/2', CALLSIM_NODE_ID: 'node-a' },
      cwd,
    });
    expect(node).toMatchObject({ redisUrl: 'redis://:secret@cache.internal:6380/2', nodeId: 'node-a' });
    expect(() => loadConfig({ env: { REDIS_URL: 'localhost:6379' }, cwd })).toThrow(
      /REDIS_URL: must be redis:\/\//,
    );
    expect(() => loadConfig({ env: { REDIS_URL: 'redis://bad host' }, cwd })).toThrow(/REDIS_URL/);
    expect(() => loadConfig({ env: { CALLSIM_NODE_ID: 'node a/1' }, cwd })).toThrow(
      /CALLSIM_NODE_ID: must be 1–64 letters/,
    );
  });

  it('names an unknown key in the config file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cfg-'));
    const file = path.join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ prot: 1 }));
    expect(() => loadConfig({ env: { CALLSIM_CONFIG: file }, cwd })).toThrow(
      /bad\.json: prot: unknown setting/,
    );
  });

  it('refuses demo accounts in production', () => {
    expect(loadConfig({ env: { NODE_ENV: 'production' }, cwd }).seedDemo).toBe(false);
    expect(() => loadConfig({ env: { NODE_ENV: 'production', CALLSIM_SEED_DEMO: 'true' }, cwd })).toThrow(
      /CALLSIM_SEED_DEMO/,
    );
  });
});
