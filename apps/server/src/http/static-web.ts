// Serves the built web UI (apps/web/dist) with an SPA fallback to index.html. Hashed
// assets are cached for a year; index.html never. Without a build, a short page says
// how to build it instead of a bare 404.
import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Router } from 'express';

export function staticWeb(webDistDir: string): Router {
  const router = express.Router();
  const indexFile = path.join(webDistDir, 'index.html');
  router.use(
    '/assets',
    express.static(path.join(webDistDir, 'assets'), { immutable: true, maxAge: '365d', fallthrough: false }),
  );
  router.use(express.static(webDistDir, { index: false, maxAge: 0 }));
  router.get(/.*/, (_req, res) => {
    if (existsSync(indexFile)) {
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(indexFile);
    } else {
      res
        .status(503)
        .type('html')
        .send(
          '<!doctype html><meta charset="utf-8"><title>callsim</title><p>网页界面尚未构建 / The web UI is not built yet: run <code>npm run build</code>.</p>',
        );
    }
  });
  return router;
}
