// The logged-in user for the whole UI: loaded once from /api/auth/session, set by the
// login page, cleared on logout or when the server says the session is gone.
import type { SessionDto, UserDto } from '@callsim/protocol';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { ApiError, api } from '../api/client.js';

interface SessionValue {
  user: UserDto | null;
  loading: boolean;
  setSession: (session: SessionDto | null) => void;
  logout: () => Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<UserDto | null>(null);
  const [loading, setLoading] = useState(true);

  useEffect(() => {
    api<SessionDto>('/auth/session')
      .then((session) => setUser(session.user))
      .catch((error: unknown) => {
        if (!(error instanceof ApiError) || error.status !== 401) console.warn('session check failed', error);
        setUser(null);
      })
      .finally(() => setLoading(false));
  }, []);

  const setSession = useCallback((session: SessionDto | null) => setUser(session?.user ?? null), []);
  const logout = useCallback(async () => {
    await api('/auth/logout', { method: 'POST' }).catch(() => undefined);
    setUser(null);
  }, []);
  const value = useMemo(() => ({ user, loading, setSession, logout }), [user, loading, setSession, logout]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
