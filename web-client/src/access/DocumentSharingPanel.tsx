/** The sharing panel of a document (owner only). */
import type { ShareRole, Visibility } from '../gql/graphql.js';
import { SharingPanel } from './SharingPanel.js';
import { useDocumentSharing } from './useDocumentSharing.js';

/** Renders the panel for document `id`. */
export function DocumentSharingPanel({
  id,
  visibility,
  shares,
}: {
  id: string;
  visibility: Visibility;
  shares: readonly { viewerId: string; role: ShareRole }[];
}) {
  return <SharingPanel kind="document" visibility={visibility} shares={shares} actions={useDocumentSharing(id)} />;
}
