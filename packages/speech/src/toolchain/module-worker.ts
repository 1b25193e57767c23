// Starts a worker thread from a module next to the caller: the built .js when the caller
// runs from dist, or the .ts source (tests, dev) loaded through tsx with the `source`
// export condition, like the rest of a source checkout.
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starts `<baseName>.js` (or `.ts`) from the folder of the module at `callerUrl`
 * (pass `import.meta.url`).
 */
export function startModuleWorker(callerUrl: string, baseName: string, options: WorkerOptions = {}): Worker {
  const source = callerUrl.endsWith('.ts');
  const entry = new URL(`./${baseName}${source ? '.ts' : '.js'}`, callerUrl);
  if (!source) return new Worker(entry, options);
  const bootstrap = `import('tsx/esm/api').then((api) => { api.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(bootstrap, {
    ...options,
    eval: true,
    execArgv: [...(options.execArgv ?? []), '--conditions=source'],
  });
}
