import i18next, { type TFunction } from 'i18next';
import { de } from './de';
import { en } from './en';

/** The languages texts ship in; the first is the default. */
export const LANGUAGES = ['en', 'de'] as const;
export type Language = (typeof LANGUAGES)[number];

export const CATALOGUES: Record<Language, object> = { en, de };

export const isLanguage = (value: unknown): value is Language => LANGUAGES.includes(value as Language);

/** A stored language as one texts ship in (English for one no longer shipped). */
export const languageOf = (value: string | undefined): Language => (isLanguage(value) ? value : 'en');

const i18n = i18next.createInstance();
void i18n.init({
  resources: Object.fromEntries(LANGUAGES.map((l) => [l, { translation: CATALOGUES[l] }])),
  lng: 'en',
  // A key missing in a language is a bug the catalogue test catches; never show another language's text.
  fallbackLng: false,
  // Texts are escaped where they are put into HTML, by the template layer.
  interpolation: { escapeValue: false },
  initAsync: false,
  returnNull: false,
});

export type Translate = TFunction;

/** The texts of one language. */
export function textsIn(language: Language): Translate {
  return i18n.getFixedT(language);
}

/** A date as a person reads it, in their language, in UTC (the server knows no one's time zone). */
export function dateIn(language: Language, at: Date | string, withTime = false): string {
  return new Intl.DateTimeFormat(language, {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    ...(withTime ? { hour: '2-digit', minute: '2-digit', timeZoneName: 'short' } : {}),
    timeZone: 'UTC',
  }).format(typeof at === 'string' ? new Date(at) : at);
}

/** The first language of an Accept-Language header that texts ship in, else English. */
export function fromAcceptLanguage(header: string | undefined): Language {
  const asked = (header ?? '')
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => /^q=([\d.]+)$/.exec(p.trim())?.[1]).find(Boolean);
      return { tag: (tag ?? '').toLowerCase().split('-')[0], q: q === undefined ? 1 : Number(q) };
    })
    .filter((a) => a.q > 0)
    .sort((a, b) => b.q - a.q);
  return asked.map((a) => a.tag).find(isLanguage) ?? 'en';
}
