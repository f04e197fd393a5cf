import {
  createContext,
  type ReactNode,
  startTransition,
  useCallback,
  useContext,
  useEffect,
  useState,
} from "react";
import { api, get, onUnauthorized, post, setCsrfToken } from "../api/client.ts";
import type { Me } from "../api/types.ts";

interface SessionValue {
  /** undefined while loading, null when logged out. */
  me: Me | null | undefined;
  /** Why the last session ended (e.g. AUTH_SESSION_EXPIRED), for the login page to say. */
  endedBecause: string | null;
  login(username: string, password: string, totp?: string): Promise<Me>;
  logout(): Promise<void>;
  /** Takes a fresh /me answer (after a password change or second-factor enrolment). */
  update(me: Me): void;
}

const Ctx = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [endedBecause, setEndedBecause] = useState<string | null>(null);

  useEffect(() => {
    // A transition: while the screen's code chunk is still loading, the "loading" spinner stays
    // instead of the routes' Suspense fallback; a fallback once shown makes React hold the screen
    // back until 300 ms after it appeared (its reveal throttle), which the case list used to wait out.
    api<Me>("GET", "/api/auth/me", undefined, { quiet401: true }).then(
      (m) => {
        setCsrfToken(m.csrfToken);
        startTransition(() => setMe(m));
      },
      () => startTransition(() => setMe(null)),
    );
    return onUnauthorized((code) => {
      setCsrfToken(null);
      setEndedBecause(code);
      setMe(null);
    });
  }, []);

  const login = useCallback(async (username: string, password: string, totp?: string) => {
    const m = await api<Me>(
      "POST",
      "/api/auth/login",
      { username, password, ...(totp ? { totp } : {}) },
      {
        quiet401: true,
      },
    );
    setCsrfToken(m.csrfToken);
    setEndedBecause(null);
    setMe(m);
    return m;
  }, []);

  const logout = useCallback(async () => {
    await post("/api/auth/logout").catch(() => undefined);
    setCsrfToken(null);
    setMe(null);
  }, []);

  const update = useCallback((m: Me) => {
    setCsrfToken(m.csrfToken);
    setMe(m);
  }, []);

  return <Ctx.Provider value={{ me, endedBecause, login, logout, update }}>{children}</Ctx.Provider>;
}

export function useSession(): SessionValue {
  const v = useContext(Ctx);
  if (!v) throw new Error("useSession outside SessionProvider");
  return v;
}

export { get };

/** The signed-in user where a session exists (the console), null elsewhere (a component rendered alone). */
export function useOptionalMe(): Me | null {
  return useContext(Ctx)?.me ?? null;
}
