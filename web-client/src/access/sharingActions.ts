/** What the sharing panel does, whatever the kind of item: each resolves to the mutation's error, if any. */
import type { CombinedError } from '@urql/core';
import type { ShareRole, Visibility } from '../gql/graphql.js';

/** The owner's actions on one item. */
export interface SharingActions {
  share(viewerId: string, role: ShareRole): Promise<CombinedError | undefined>;
  unshare(viewerId: string): Promise<CombinedError | undefined>;
  setVisibility(visibility: Visibility): Promise<CombinedError | undefined>;
  /** A mutation is under way. */
  pending: boolean;
}
