/** What a viewer's role on an item lets the web client offer (the server checks every write anyway). */
import type { AccessRole } from '../gql/graphql.js';

/** May change the content: owners and editors. */
export function canEdit(role: AccessRole | null | undefined): boolean {
  return role === 'OWNER' || role === 'EDITOR';
}

/** May delete, share, unshare and change visibility: the owner only. */
export function isOwner(role: AccessRole | null | undefined): boolean {
  return role === 'OWNER';
}
