// A cluster node must stop promptly even when Redis died under it: every Redis command of
// the shutdown would otherwise retry for about a minute (and a quit() never returns).
import { describe, expect, it } from 'vitest';
import { redisUnavailableReason, startTestRedis } from '../testing/redis.js';
import { startTestServer } from '../testing/test-server.js';

const skipReason = redisUnavailableReason({ exclusive: true });

describe.skipIf(skipReason !== null)(
  `cluster shutdown${skipReason ? ` (skipped: ${skipReason})` : ''}`,
  () => {
    it('stops within 10 s after its Redis was killed', async () => {
      const redis = await startTestRedis({ exclusive: true });
      const t = await startTestServer({ REDIS_URL: redis.url });
      expect(await (await fetch(`${t.url}/api/health`)).json()).toMatchObject({ redis: 'ok' });
      await redis.close();
      const startedMs = performance.now();
      await t.close();
      expect(performance.now() - startedMs).toBeLessThan(10_000);
    }, 60_000);
  },
);
