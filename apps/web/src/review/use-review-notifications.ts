// A trainee's review notifications: loaded over REST, then kept current by the server's
// `review:published` socket.io event (sent to the trainee's open sockets when an
// evaluator publishes a review of one of their calls).
import { REVIEW_PUBLISHED_EVENT, type ReviewNotificationDto, socketClientOptions } from '@callsim/protocol';
import { useCallback, useEffect, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import { reviewApi } from './review-api.js';

interface ReviewEvents {
  'session:hello': () => void;
  [REVIEW_PUBLISHED_EVENT]: (payload: ReviewNotificationDto) => void;
}

export interface ReviewNotifications {
  items: ReviewNotificationDto[];
  unread: number;
  /** The latest notification that arrived while the page was open. */
  latest: ReviewNotificationDto | null;
  markRead(ids?: string[]): Promise<void>;
}

export function useReviewNotifications(): ReviewNotifications {
  const [items, setItems] = useState<ReviewNotificationDto[]>([]);
  const [latest, setLatest] = useState<ReviewNotificationDto | null>(null);

  useEffect(() => {
    let cancelled = false;
    const reload = () =>
      reviewApi
        .notifications()
        .then((list) => !cancelled && setItems(list))
        .catch(() => undefined);
    const socket: Socket<ReviewEvents, Record<string, never>> = io({
      ...socketClientOptions(),
      path: '/socket.io',
      withCredentials: true,
      transports: ['websocket'],
    });
    // Reload after (re)connecting so nothing pushed while offline is missed.
    socket.on('session:hello', () => void reload());
    socket.on(REVIEW_PUBLISHED_EVENT, (payload) => {
      setLatest(payload);
      setItems((current) => [payload, ...current.filter((n) => n.id !== payload.id)]);
    });
    void reload();
    return () => {
      cancelled = true;
      socket.close();
    };
  }, []);

  const markRead = useCallback(async (ids?: string[]) => {
    await reviewApi.markRead(ids);
    const now = Date.now();
    setItems((current) =>
      current.map((n) => (!ids || ids.includes(n.id) ? { ...n, readAtMs: n.readAtMs ?? now } : n)),
    );
  }, []);

  return { items, unread: items.filter((n) => n.readAtMs === null).length, latest, markRead };
}
