// The live tally of a contest for its evaluators: loaded over REST, then kept current by
// the server's `contest:tally` socket.io event (sent only to evaluators of the contest).
import {
  type ClientToServerEvents,
  type ContestTallyDto,
  type ServerToClientEvents,
  socketClientOptions,
} from '@callsim/protocol';
import { useEffect, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import { contestsApi } from './contests-api.js';

export function useContestTally(contestId: string): { tally: ContestTallyDto | null; live: boolean } {
  const [tally, setTally] = useState<ContestTallyDto | null>(null);
  const [live, setLive] = useState(false);
  useEffect(() => {
    let cancelled = false;
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({
      ...socketClientOptions(),
      path: '/socket.io',
      withCredentials: true,
      transports: ['websocket'],
    });
    socket.on('session:hello', () => {
      setLive(true);
      // Reload after (re)connecting so nothing pushed while offline is missed.
      contestsApi
        .tally(contestId)
        .then((t) => !cancelled && setTally(t))
        .catch(() => undefined);
    });
    socket.on('disconnect', () => setLive(false));
    socket.on('contest:tally', (next) => {
      if (next.contestId === contestId)
        setTally((current) => (current && current.atMs > next.atMs ? current : next));
    });
    return () => {
      cancelled = true;
      socket.close();
    };
  }, [contestId]);
  return { tally, live };
}
