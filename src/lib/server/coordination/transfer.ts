import * as Y from 'yjs';
import type { CollabServer } from '$lib/server/collab/server';
import type { Database } from '$lib/server/db/types';
import { auditAsService } from '$lib/server/audit';

interface SheetPair {
	key: string;
	from: string;
	to: string;
}

/**
 * After re-matching: a mentee who asked to end their previous pair and agreed that the shared
 * worksheets move along gets that content in the new pair's sheets. Without that consent
 * nothing moves. Signatures never move: the new pair signs for itself.
 */
export async function transferConsentedSheets(
	db: Database,
	collab: CollabServer,
	newPairIds: readonly string[]
): Promise<number> {
	let moved = 0;
	for (const pairId of newPairIds) {
		const sheets = await db.asService(async (tx) => {
			const previous = await tx.query<{ id: string; programId: string }>(
				`select old.id, old.program_id as "programId" from public.pairs p
				 join public.pairs old on old.program_id = p.program_id and old.mentee_id = p.mentee_id
					and old.id <> p.id and old.status = 'ended'
				 where p.id = $1
					and exists (select 1 from public.exit_requests e
						where e.pair_id = old.id and e.requester_role = 'mentee' and e.mentee_consents_transfer)
				 order by old.ended_at desc nulls last limit 1`,
				[pairId]
			);
			if (!previous[0]) return [];
			const rows = await tx.query<SheetPair>(
				`select n.template_key as key, o.doc_name as "from", n.doc_name as "to"
				 from public.sheets n join public.sheets o on o.template_key = n.template_key and o.pair_id = $2
				 where n.pair_id = $1`,
				[pairId, previous[0].id]
			);
			await auditAsService(
				tx,
				null,
				'pair.transfer_sheets',
				'pair',
				pairId,
				previous[0].programId,
				{
					from: previous[0].id,
					sheets: rows.length
				}
			);
			return rows;
		});
		for (const sheet of sheets) {
			const state = await collab.readDocument(sheet.from, (doc) => Y.encodeStateAsUpdate(doc));
			await collab.changeDocument(sheet.to, (doc) => Y.applyUpdate(doc, state));
			moved += 1;
		}
	}
	return moved;
}
