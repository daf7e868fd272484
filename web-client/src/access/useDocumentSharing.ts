/** The sharing panel's actions for a document. */
import { useMutation } from 'urql';
import {
  SetDocumentVisibilityMutation,
  ShareDocumentMutation,
  UnshareDocumentMutation,
} from '../operations/sharing.js';
import type { SharingActions } from './sharingActions.js';

/** Share, unshare and visibility of document `id`. */
export function useDocumentSharing(id: string): SharingActions {
  const [shareState, share] = useMutation(ShareDocumentMutation);
  const [unshareState, unshare] = useMutation(UnshareDocumentMutation);
  const [visibilityState, setVisibility] = useMutation(SetDocumentVisibilityMutation);
  return {
    share: async (viewerId, role) => (await share({ id, viewerId, role })).error,
    unshare: async (viewerId) => (await unshare({ id, viewerId })).error,
    setVisibility: async (visibility) => (await setVisibility({ id, visibility })).error,
    pending: shareState.fetching || unshareState.fetching || visibilityState.fetching,
  };
}
