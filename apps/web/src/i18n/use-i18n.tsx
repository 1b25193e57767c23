// The UI language: zh-CN by default, en-US on request; remembered in localStorage and
// a cookie (so the server answers errors in the same language) and on the account.
import { DEFAULT_LOCALE, errorMessage, isErrorCode, type Locale } from '@callsim/protocol';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { enUS } from './en-US.js';
import { type MessageKey, zhCN } from './zh-CN.js';

const DICTIONARIES: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, 'en-US': enUS };
const STORAGE_KEY = 'callsim.locale';

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

interface I18nValue {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: Translate;
  /** The user-facing text for an error code from the server's catalogue. */
  errorText: (code: string, details?: Record<string, unknown>) => string;
}

const I18nContext = createContext<I18nValue | null>(null);

function initialLocale(): Locale {
  const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
  return stored === 'en-US' || stored === 'zh-CN' ? stored : DEFAULT_LOCALE;
}

function writeLocaleCookie(locale: Locale): void {
  // biome-ignore lint/suspicious/noDocumentCookie: a plain cookie lets the server answer errors in this language before login
  document.cookie = `callsim_locale=${locale}; path=/; max-age=31536000; samesite=lax`;
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => {
    const value = initialLocale();
    writeLocaleCookie(value);
    return value;
  });
  const setLocale = useCallback((next: Locale) => {
    localStorage.setItem(STORAGE_KEY, next);
    writeLocaleCookie(next);
    document.documentElement.lang = next;
    setLocaleState(next);
  }, []);
  const value = useMemo<I18nValue>(() => {
    const dictionary = DICTIONARIES[locale];
    const t: Translate = (key, values) =>
      dictionary[key].replace(/\{(\w+)\}/g, (_m, name: string) => String(values?.[name] ?? ''));
    const errorText = (code: string, details: Record<string, unknown> = {}) =>
      isErrorCode(code) ? errorMessage(code, locale, details) : errorMessage('INTERNAL', locale);
    return { locale, setLocale, t, errorText };
  }, [locale, setLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
