// Navigation by role: which pages each role sees, in menu order. Routes not listed for
// a role are not shown to it (the server enforces the same rules on data).
import type { Role } from '@callsim/protocol';
import type { MessageKey } from '../i18n/zh-CN.js';

export interface NavItem {
  path: string;
  label: MessageKey;
  roles: readonly Role[];
}

export const NAV_ITEMS: readonly NavItem[] = [
  { path: '/softphone', label: 'nav.softphone', roles: ['trainee'] },
  { path: '/outbound', label: 'outbound.nav.worklist', roles: ['trainee'] },
  { path: '/drills', label: 'nav.drills', roles: ['trainee'] },
  { path: '/results', label: 'nav.results', roles: ['trainee'] },
  { path: '/reviews', label: 'review.nav', roles: ['trainee'] },
  { path: '/recordings', label: 'nav.recordings', roles: ['evaluator', 'admin'] },
  { path: '/classes', label: 'nav.classes', roles: ['evaluator', 'admin'] },
  { path: '/progress', label: 'drills.nav.progress', roles: ['trainee', 'evaluator', 'admin'] },
  { path: '/outbound/campaigns', label: 'outbound.nav.campaigns', roles: ['evaluator', 'admin'] },
  { path: '/contests', label: 'nav.contests', roles: ['trainee', 'evaluator', 'admin'] },
  { path: '/admin/users', label: 'nav.users', roles: ['admin'] },
  { path: '/admin/scripts', label: 'nav.scripts', roles: ['evaluator', 'admin'] },
];

export function navFor(role: Role): NavItem[] {
  return NAV_ITEMS.filter((item) => item.roles.includes(role));
}

export function homePathFor(role: Role): string {
  return role === 'trainee' ? '/softphone' : role === 'evaluator' ? '/recordings' : '/admin/users';
}
