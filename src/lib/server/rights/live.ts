import type { CollabServer } from '$lib/server/collab/server';
import { CloseCode } from '$lib/shared/collab';
import type { LiveDocuments } from './documents';

/** The collaboration server as the data-rights work uses it. */
export function liveDocuments(collab: CollabServer): LiveDocuments {
	return {
		changeDocument: (name, change) => collab.changeDocument(name, change),
		flushAll: () => collab.flushAll(),
		closeDocument: (name) =>
			void collab.closeWhere((c) => c.docName === name, CloseCode.AccessRevoked, 'erased')
	};
}
