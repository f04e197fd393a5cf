import { useEffect, useState } from "react";
import { ApiError, post } from "../api/client.ts";

/**
 * A check of the form being typed (repeats, triage): `key` is the request as JSON (null: not
 * enough typed yet); once typing has paused `delayMs` it is posted, and an answer to a request
 * typed over since is dropped. The last answer stays on view while the next is on its way.
 */
export function useDraftCheck<T>(url: string, key: string | null, delayMs: number) {
  const [answer, setAnswer] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [checking, setChecking] = useState(false);

  useEffect(() => {
    if (!key) return;
    let live = true;
    const timer = setTimeout(() => {
      setChecking(true);
      post<T>(url, JSON.parse(key)).then(
        (r) => {
          if (!live) return;
          setAnswer(r);
          setError(null);
          setChecking(false);
        },
        (e: unknown) => {
          if (!live) return;
          setError(e instanceof ApiError ? e : null);
          setChecking(false);
        },
      );
    }, delayMs);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [url, key, delayMs]);

  return { answer, error, checking };
}
