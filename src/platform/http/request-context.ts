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
}

const storage = new AsyncLocalStorage<RequestContext>();

const fallback: RequestContext = { locale: 'id', actor: null, csrfToken: '', path: '/', flash: null };

export function requestContext(): RequestContext {
  return storage.getStore() ?? fallback;
}

export function enterRequestContext(context: RequestContext): void {
  storage.enterWith(context);
}

export function runWithRequestContext<T>(context: Partial<RequestContext>, fn: () => T): T {
  return storage.run({ ...fallback, ...context }, fn);
}
