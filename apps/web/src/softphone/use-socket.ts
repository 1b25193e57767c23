// The softphone's one socket.io connection, authenticated by the session cookie.
// Reports whether the server has greeted us; reconnects on its own.
import type { ClientToServerEvents, HelloPayload, ServerToClientEvents } from '@callsim/protocol';
import { useEffect, useState } from 'react';
import { io, type Socket } from 'socket.io-client';

export type CallsimSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export function useSocket(onRevoked: () => void): {
  socket: CallsimSocket | null;
  hello: HelloPayload | null;
} {
  const [socket, setSocket] = useState<CallsimSocket | null>(null);
  const [hello, setHello] = useState<HelloPayload | null>(null);
  useEffect(() => {
    const s: CallsimSocket = io({ path: '/socket.io', withCredentials: true, transports: ['websocket'] });
    s.on('session:hello', setHello);
    s.on('disconnect', () => setHello(null));
    s.on('session:revoked', onRevoked);
    setSocket(s);
    return () => {
      s.close();
    };
  }, [onRevoked]);
  return { socket, hello };
}
