import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import type { SessionView } from '../../../../contracts/auth.ts';
import { onUnauthorized, setCsrfToken } from '../../app/api.ts';
import { ERROR_CODES } from '../../../../contracts/error-codes.ts';
import { ApiRequestError, isApiRequestError, networkError } from '../../app/api-error.ts';
import { fetchSession, logout as logoutRequest } from './auth.api.ts';

export type SessionState =
  | { status: 'loading' }
  | { status: 'unreachable'; error: ApiRequestError }
  | { status: 'ready'; session: SessionView | null; endedBy?: ApiRequestError };

interface SessionContextValue {
  state: SessionState;
  session: SessionView | null;
  /** Adopts a session returned by an auth endpoint (also keeps its CSRF token for later requests). */
  applySession: (session: SessionView | null) => void;
  reload: () => void;
  logout: () => Promise<void>;
  /** Ends the session after the idle warning ran out: signs out on the server, the login page says why. */
  expire: () => Promise<void>;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  const applySession = useCallback((session: SessionView | null) => {
    setCsrfToken(session?.csrfToken ?? null);
    setState({ status: 'ready', session });
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    fetchSession(controller.signal)
      .then(applySession)
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        setState({ status: 'unreachable', error: isApiRequestError(error) ? error : networkError() });
      });
    return () => controller.abort();
  }, [attempt, applySession]);

  // Any API call answering 401 means the session is gone (idle timeout, logged out elsewhere …).
  useEffect(
    () =>
      onUnauthorized((error) => {
        setCsrfToken(null);
        setState({ status: 'ready', session: null, endedBy: error });
      }),
    [],
  );

  const logout = useCallback(async () => {
    try {
      await logoutRequest();
    } finally {
      applySession(null);
    }
  }, [applySession]);

  const expire = useCallback(async () => {
    try {
      await logoutRequest();
    } catch {
      // Already gone on the server (or unreachable): the browser forgets it either way.
    } finally {
      setCsrfToken(null);
      setState({
        status: 'ready',
        session: null,
        endedBy: new ApiRequestError({ status: 401, code: 'SESSION_EXPIRED', messageZh: ERROR_CODES.SESSION_EXPIRED.zh, messageEn: ERROR_CODES.SESSION_EXPIRED.en }),
      });
    }
  }, []);

  const value = useMemo<SessionContextValue>(
    () => ({
      state,
      session: state.status === 'ready' ? state.session : null,
      applySession,
      reload: () => setAttempt((n) => n + 1),
      logout,
      expire,
    }),
    [state, applySession, logout, expire],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession must be used inside <SessionProvider>');
  return value;
}
