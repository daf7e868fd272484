/** The sharing panel of a dataset (owner only). */
import type { ShareRole, Visibility } from '../gql/graphql.js';
import { SharingPanel } from './SharingPanel.js';
import { useDatasetSharing } from './useDatasetSharing.js';

/** Renders the panel for dataset `id`. */
export function DatasetSharingPanel({
  id,
  visibility,
  shares,
}: {
  id: string;
  visibility: Visibility;
  shares: readonly { viewerId: string; role: ShareRole }[];
}) {
  return <SharingPanel kind="dataset" visibility={visibility} shares={shares} actions={useDatasetSharing(id)} />;
}
