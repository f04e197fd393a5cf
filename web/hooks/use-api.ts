import { useCallback, useEffect, useState } from "react";
import { ApiError, get, post } from "../api/client.ts";

export interface Loaded<T> {
  data: T | undefined;
  error: ApiError | null;
  loading: boolean;
  reload(): void;
}

/**
 * GETs `url` (null = wait) and reloads when it changes; the small piece of server state a screen needs.
 * With a `body` it POSTs that instead (a read whose input must stay out of the address, such as a
 * search that may hold a name or an ID number) and reloads when the body's content changes.
 */
export function useApi<T>(url: string | null, body?: unknown): Loaded<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(url !== null);
  const [tick, setTick] = useState(0);
  const bodyJson = body === undefined ? undefined : JSON.stringify(body);
  // biome-ignore lint/correctness/useExhaustiveDependencies: tick forces a reload
  useEffect(() => {
    if (url === null) return;
    let live = true;
    setLoading(true);
    (bodyJson === undefined ? get<T>(url) : post<T>(url, JSON.parse(bodyJson))).then(
      (d) => {
        if (!live) return;
        setData(d);
        setError(null);
        setLoading(false);
      },
      (e: unknown) => {
        if (!live) return;
        setError(e instanceof ApiError ? e : new ApiError(0, "NETWORK", "网络错误", "Network error"));
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
  }, [url, bodyJson, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, loading, reload };
}
