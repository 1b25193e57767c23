// nginx in front of callsim nodes for e2e tests: the repository's deploy/nginx/callsim.conf
// with its placeholders filled in, wrapped in a minimal main config, run unprivileged in
// the foreground (`nginx -p DIR -c FILE -g 'daemon off;'`) on a free port, with its
// logs, pid and temp files in a temporary folder removed by stop().
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, REPO_ROOT } from './server-process.js';

export const NGINX_BIN: string | null = ['/usr/sbin/nginx', '/usr/local/sbin/nginx'].find(existsSync) ?? null;

export interface NginxProxy {
  url: string;
  /** The upstream (host:port) nginx sends requests carrying this session cookie to. */
  upstreamFor(cookie: string): Promise<string>;
  output(): string;
  stop(): Promise<void>;
}

/** Starts nginx proxying to two nodes (`127.0.0.1:PORT` each). */
export async function startNginx(nodes: [string, string]): Promise<NginxProxy> {
  if (!NGINX_BIN) throw new Error('nginx is not installed');
  const dir = mkdtempSync(path.join(tmpdir(), 'callsim-nginx-'));
  const port = await freePort();
  const site = readFileSync(path.join(REPO_ROOT, 'deploy/nginx/callsim.conf'), 'utf8')
    .replaceAll('{{LISTEN_PORT}}', `127.0.0.1:${port}`)
    .replaceAll('{{NODE_1}}', nodes[0])
    .replaceAll('{{NODE_2}}', nodes[1]);
  writeFileSync(path.join(dir, 'callsim.conf'), site);
  const accessLog = path.join(dir, 'access.log');
  writeFileSync(
    path.join(dir, 'nginx.conf'),
    [
      `pid ${dir}/nginx.pid;`,
      `error_log ${dir}/error.log warn;`,
      'worker_processes 1;',
      'events { worker_connections 512; }',
      'http {',
      // Which upstream served each request: how the test learns where a cookie sticks.
      `  log_format upstream '$upstream_addr "$request" $status';`,
      `  access_log ${accessLog} upstream;`,
      ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(
        (kind) => `  ${kind}_temp_path ${dir}/${kind};`,
      ),
      `  include ${dir}/callsim.conf;`,
      '}',
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn(
    NGINX_BIN,
    ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-g', 'daemon off;'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`nginx exited early:\n${output}`);
    }
    try {
      await fetch(`${url}/api/health`);
      break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`nginx did not listen within 10 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    async upstreamFor(cookie) {
      const probe = randomUUID();
      await (await fetch(`${url}/api/health?probe=${probe}`, { headers: { cookie } })).text();
      // nginx logs a request once it is done, which may be just after the client has it all.
      for (let attempt = 0; attempt < 50; attempt++) {
        const line = readFileSync(accessLog, 'utf8')
          .split('\n')
          .find((l) => l.includes(probe));
        if (line) return line.split(' ')[0]!;
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error(`probe ${probe} not in the nginx access log`);
    },
    output: () => output,
    stop,
  };
}
