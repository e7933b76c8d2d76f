import { type Locale, requestContext } from '../http/request-context.ts';
import { platformMessages } from '../messages.ts';
import type { MessageCatalogue, Messages } from './catalogue.ts';

export { type MessageCatalogue, type Messages, mergeMessages, readMessages } from './catalogue.ts';

// the platform's own texts are there from the start: its services throw them outside any app (CLI, tests)
const catalogs: Record<Locale, Messages> = { id: { ...platformMessages.id }, en: { ...platformMessages.en } };

export function registerMessages(messages: MessageCatalogue): void {
  Object.assign(catalogs.id, messages.id);
  Object.assign(catalogs.en, messages.en);
}

export function allMessages(): Record<Locale, Messages> {
  return catalogs;
}

/** Translates a key for the current request's language; `{name}` placeholders take params. */
export function t(key: string, params?: Record<string, string | number>, locale?: Locale): string {
  const lang = locale ?? requestContext().locale;
  const template = catalogs[lang][key] ?? catalogs.id[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    params[name] === undefined ? match : String(params[name]),
  );
}

export function currentLocale(): Locale {
  return requestContext().locale;
}

const numberFormats: Record<Locale, Intl.NumberFormat> = {
  id: new Intl.NumberFormat('id-ID'),
  en: new Intl.NumberFormat('en-GB'),
};

export function formatNumber(value: number): string {
  return numberFormats[currentLocale()].format(value);
}

// made once per language: building an Intl.DateTimeFormat costs more than formatting with it, and a
// list page (the work queue) formats hundreds of dates
const dateTimeFormats: Record<Locale, Intl.DateTimeFormat> = {
  id: new Intl.DateTimeFormat('id-ID', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Jakarta' }),
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Jakarta' }),
};
const dateFormats: Record<Locale, Intl.DateTimeFormat> = {
  id: new Intl.DateTimeFormat('id-ID', { dateStyle: 'long', timeZone: 'Asia/Jakarta' }),
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'Asia/Jakarta' }),
};

export function formatDateTime(value: Date | string): string {
  return dateTimeFormats[currentLocale()].format(new Date(value));
}

export function formatDate(value: Date | string): string {
  return dateFormats[currentLocale()].format(new Date(value));
}
