import type { PairStatus } from '$lib/domain/policy';
import { fieldsOf, getTemplate } from '$lib/domain/templates';
import { readFieldContent } from '$lib/shared/sheet-doc';
import type { CollabServer } from '$lib/server/collab/server';
import type { Database, JwtClaims } from '$lib/server/db/types';
import type { PathPhase } from '$lib/domain/phases';
import { CONFIDENTIALITY_KEY } from '$lib/domain/templates/keys';

export interface ProgramPair {
	id: string;
	pseudonym: string;
	status: PairStatus;
	phase: PathPhase;
	mentorName: string;
	menteeName: string;
	/** The coordinator's label ("vakmentor"), for a teacher with more than one mentor. */
	label: string | null;
	supporterName: string | null;
	held: number;
	planned: number;
	/** Roles that signed the confidentiality agreement. */
	confidentialitySigned: string[];
	/** What the mentor reported for meeting 1 (the introduction asks them to plan it). */
	firstMeeting: { startsAt: Date | null; plannedOn: string | null; place: string } | null;
}

/** The programme's pairs as its coordinator sees them: metadata only (RLS enforces it). */
export async function listProgramPairs(
	db: Database,
	claims: JwtClaims,
	programId: string
): Promise<ProgramPair[]> {
	return db.asUser(claims, (tx) =>
		tx.query<ProgramPair>(
			`select p.id, p.pseudonym, p.status, p.phase, p.label,
				coalesce(mentor.display_name, '—') as "mentorName", coalesce(mentee.display_name, '—') as "menteeName",
				supporter.display_name as "supporterName",
				(select count(*)::int from public.meetings m where m.pair_id = p.id and m.held_at is not null) as held,
				(select count(*)::int from public.meetings m where m.pair_id = p.id) as planned,
				coalesce((select array_agg(distinct s.role order by s.role) from public.signatures s
					where s.pair_id = p.id and s.template_key = '${CONFIDENTIALITY_KEY}'), '{}') as "confidentialitySigned",
				(select json_build_object('startsAt', m.starts_at, 'plannedOn', m.planned_on::text, 'place', m.place)
					from public.meetings m where m.pair_id = p.id and m.number = 1) as "firstMeeting"
			 from public.pairs p
			 left join public.profiles mentor on mentor.id = p.mentor_id
			 left join public.profiles mentee on mentee.id = p.mentee_id
			 left join public.profiles supporter on supporter.id = p.supporter_id
			 where p.program_id = $1
			 order by p.pseudonym`,
			[programId]
		)
	);
}

export interface AgreementText {
	/** Label and value of each text, date or choice field, in template order. */
	fields: { label: { nl: string; en: string }; value: string }[];
	/** The numbered clauses and acceptance statements, with whether the pair ticked them. */
	items: { label: { nl: string; en: string }; checked: boolean }[];
}

/**
 * The confidentiality agreement's text, for the coordinator who co-signs it: its short text
 * fields and its clauses. Nothing else of the pair is read.
 */
export async function confidentialityText(
	collab: CollabServer,
	docName: string
): Promise<AgreementText> {
	const template = getTemplate(CONFIDENTIALITY_KEY);
	if (!template) throw new Error('02-confidentiality template missing');
	return collab.readDocument(docName, (doc) => {
		const result: AgreementText = { fields: [], items: [] };
		for (const field of fieldsOf(template)) {
			const content = readFieldContent(doc, field);
			if (field.kind === 'text' || field.kind === 'date') {
				result.fields.push({
					label: field.label,
					value: typeof content === 'string' ? content : ''
				});
			} else if (field.kind === 'checklist') {
				const ticked = (content ?? {}) as Record<string, boolean | undefined>;
				for (const item of field.items)
					result.items.push({ label: item.label, checked: ticked[item.key] === true });
			}
		}
		return result;
	});
}
