// socket.io event maps shared by the softphone and the server. Each payload that
// enters the server is validated; acknowledgements carry either a result or an ErrorBody.
import type { ErrorBody } from '../errors/app-error.js';
import type { Role } from '../rest/accounts.js';

export interface HelloPayload {
  userId: string;
  username: string;
  role: Role;
  serverTimeMs: number;
}

export type Ack<T> = (result: { ok: true; value: T } | ({ ok: false } & ErrorBody)) => void;

export interface ServerToClientEvents {
  'session:hello': (payload: HelloPayload) => void;
  'session:revoked': () => void;
}

export interface ClientToServerEvents {
  'session:ping': (payload: { clientTimeMs: number }, ack: Ack<{ serverTimeMs: number }>) => void;
}
