import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from "react";
import type { Bi } from "./labels.ts";
import { MESSAGES, type MessageKey } from "./messages.ts";

export type Locale = "zh-CN" | "en";
const STORAGE_KEY = "xf.locale";

/** zh-CN unless the user chose English before. */
export function initialLocale(): Locale {
  try {
    return localStorage.getItem(STORAGE_KEY) === "en" ? "en" : "zh-CN";
  } catch {
    return "zh-CN";
  }
}

/** Fills {name} placeholders. */
export function format(text: string, vars: Record<string, string | number> = {}): string {
  return text.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

interface LocaleValue {
  locale: Locale;
  setLocale(l: Locale): void;
  /** A console/portal message. */
  t(key: MessageKey, vars?: Record<string, string | number>): string;
  /** A domain label, falling back to the raw value. */
  l(labels: Record<string, Bi>, value: string | null | undefined): string;
}

const Ctx = createContext<LocaleValue | null>(null);

export function LocaleProvider({ children, initial }: { children: ReactNode; initial?: Locale }) {
  const [locale, setState] = useState<Locale>(initial ?? initialLocale);
  const setLocale = useCallback((l: Locale) => {
    setState(l);
    try {
      localStorage.setItem(STORAGE_KEY, l);
    } catch {
      // Private browsing: the choice lasts for this page only.
    }
    document.documentElement.lang = l;
  }, []);
  const value = useMemo<LocaleValue>(() => {
    const pick = (b: Bi) => (locale === "en" ? b.en : b.zh);
    return {
      locale,
      setLocale,
      t: (key, vars) => format(pick(MESSAGES[key]), vars),
      l: (labels, v) => (v ? (labels[v] ? pick(labels[v]) : v) : ""),
    };
  }, [locale, setLocale]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useLocale(): LocaleValue {
  const v = useContext(Ctx);
  if (!v) throw new Error("useLocale outside LocaleProvider");
  return v;
}
