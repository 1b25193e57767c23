// `callsim users add|list|reset-password …`: account administration from a shell, the
// way the first admin of a production install is made. Works on the same storage as
// serve (--data DIR, DATABASE_URL), and can run while the server runs.
import { parseArgs } from 'node:util';
import { AppError, errorMessage, ROLES, type Role } from '@callsim/protocol';
import { createContext } from '../app/context.js';
import { loadConfig } from '../config/config.js';
import { createLogger } from '../logging/logger.js';
import { type CliIo, UsageError } from './io.js';

export const USERS_HELP = `callsim users add --username U --password P --role trainee|evaluator|admin [--class NAME] [--name DISPLAY] [--data DIR]
callsim users list [--data DIR] [--json]
callsim users reset-password --username U --password P [--data DIR]`;

export async function runUsersCommand(args: string[], io: CliIo): Promise<number> {
  const [action, ...rest] = args;
  const { values } = parseArgs({
    args: rest,
    options: {
      username: { type: 'string' },
      password: { type: 'string' },
      role: { type: 'string' },
      class: { type: 'string' },
      name: { type: 'string' },
      data: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help || !action) {
    io.out(USERS_HELP);
    return action ? 0 : 2;
  }
  if (!['add', 'list', 'reset-password'].includes(action))
    throw new UsageError(`unknown users action “${action}”`);

  const config = loadConfig({
    env: { LOG_LEVEL: 'warn', ...io.env },
    cwd: io.cwd,
    overrides: { dataDir: values.data },
  });
  const ctx = await createContext(config, createLogger({ ...config, logLevel: 'warn' }));
  try {
    if (action === 'list') {
      const admin = { id: '', role: 'admin' } as Parameters<typeof ctx.users.listVisibleTo>[0];
      const users = await ctx.users.listVisibleTo(admin);
      if (values.json) io.out(JSON.stringify(users, null, 2));
      else
        for (const u of users)
          io.out(`${u.username}\t${u.role}\t${u.displayName}\t${u.classes.map((c) => c.name).join(',')}`);
      return 0;
    }
    if (!values.username) throw new UsageError('--username is required');
    if (!values.password) throw new UsageError('--password is required');
    if (action === 'reset-password') {
      const user = await ctx.users.findByUsername(values.username);
      if (!user) {
        io.err(`callsim: no user “${values.username}”`);
        return 1;
      }
      await ctx.users.setPassword(user.id, values.password);
      await ctx.sessions.revokeAllFor(user.id);
      io.out(`password reset for ${values.username}; their sessions were signed out`);
      return 0;
    }
    if (!values.role || !(ROLES as readonly string[]).includes(values.role)) {
      throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
    }
    const user = await ctx.users.createUser({
      username: values.username,
      password: values.password,
      role: values.role as Role,
      className: values.class,
      displayName: values.name,
    });
    io.out(
      `created ${user.role} ${user.username}${values.class && user.role !== 'admin' ? ` in class ${values.class}` : ''}`,
    );
    return 0;
  } catch (error) {
    if (error instanceof AppError) {
      io.err(`callsim: ${errorMessage(error.code, 'en-US', error.details)} (${error.code})`);
      return 1;
    }
    throw error;
  } finally {
    await ctx.close();
  }
}
