/** The sharing panel's actions for a dataset. */
import { useMutation } from 'urql';
import { SetDatasetVisibilityMutation, ShareDatasetMutation, UnshareDatasetMutation } from '../operations/sharing.js';
import type { SharingActions } from './sharingActions.js';

/** Share, unshare and visibility of dataset `id`. */
export function useDatasetSharing(id: string): SharingActions {
  const [shareState, share] = useMutation(ShareDatasetMutation);
  const [unshareState, unshare] = useMutation(UnshareDatasetMutation);
  const [visibilityState, setVisibility] = useMutation(SetDatasetVisibilityMutation);
  return {
    share: async (viewerId, role) => (await share({ id, viewerId, role })).error,
    unshare: async (viewerId) => (await unshare({ id, viewerId })).error,
    setVisibility: async (visibility) => (await setVisibility({ id, visibility })).error,
    pending: shareState.fetching || unshareState.fetching || visibilityState.fetching,
  };
}
