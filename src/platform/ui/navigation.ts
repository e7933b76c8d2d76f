import type { Actor } from '../auth/roles.ts';
import type { NavItem } from '../module.ts';

const items: NavItem[] = [];

export function registerNavigation(more: NavItem[]): void {
  for (const item of more) {
    if (!items.some((known) => known.href === item.href && known.label === item.label)) items.push(item);
  }
}

/** The menu for this person: staff see their role's entries, residents theirs, everyone the public ones. */
export function navigationFor(actor: Actor | null): NavItem[] {
  return items.filter((item) => {
    if (item.for.includes('public')) return true;
    if (!actor || actor.kind === 'system') return false;
    if (actor.kind === 'resident') return item.for.includes('resident');
    return item.for.includes(actor.role);
  });
}
