// Picks the job queue for this node: BullMQ on Redis when REDIS_URL is set (several nodes
// share it), else the queue in the database. Callers only see the JobQueue interface.
import type { Kysely } from 'kysely';
import type { Config } from '../config/config.js';
import type { Logger } from '../logging/logger.js';
import type { Database } from '../storage/schema.js';
import { DbJobQueue } from './db-job-queue.js';
import type { JobQueue } from './job-queue.js';
import { RedisJobQueue } from './redis-job-queue.js';

export function createJobQueue(
  config: Pick<Config, 'redisUrl'>,
  db: Kysely<Database>,
  logger: Logger,
): JobQueue {
  if (!config.redisUrl) return new DbJobQueue(db, logger);
  logger.info({ backend: 'redis' }, 'jobs run on BullMQ');
  return new RedisJobQueue({ url: config.redisUrl }, logger);
}
