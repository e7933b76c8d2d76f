import { AsyncLocalStorage } from 'node:async_hooks';
import type { Actor } from '../auth/roles.ts';

export type Locale = 'id' | 'en';

/** What the layout needs about the current request, without passing it through every view. */
export interface RequestContext {
  locale: Locale;
  actor: Actor | null;
  csrfToken: string;
  path: string;
  flash: string | null;
  /** counts shown beside menu entries, by the entry's href (the work queue's "Kerja saya") */
  navBadges?: Record<string, { count: number; overdue: number }>;
}

const storage = new AsyncLocalStorage<RequestContext>();

const fallback: RequestContext = { locale: 'id', actor: null, csrfToken: '', path: '/', flash: null };

export function requestContext(): RequestContext {
  return storage.getStore() ?? fallback;
}

/** Runs fn with this context; the object is kept as it is so its lazy CSRF getter stays lazy. */
export function runWithRequestContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

export function runWithPartialContext<T>(context: Partial<RequestContext>, fn: () => T): T {
  return storage.run({ ...fallback, ...context }, fn);
}
