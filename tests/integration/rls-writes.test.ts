import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { becomeUser } from '$lib/server/db/transaction';
import type { Database, JwtClaims, SqlValue } from '$lib/server/db/types';
import {
	buildMembership,
	buildOrganisation,
	buildGroupWithContent,
	buildPairWithContent,
	buildInvitation,
	buildStaffedProgram,
	buildUser,
	type BuiltUser
} from '../factories';
import { buildCareRows } from '../factories/care';
import { buildResourceRows } from '../factories/resources';
import { buildEngagementRows } from '../factories/engagement';
import { buildMentorGroup } from '../factories/mentor-groups';
import { createTestDatabase, testEngine } from '../helpers/db';

/**
 * The write matrix: for every table in `public` and every kind of person, every insert, every
 * single-column update and every delete a Supabase client could send, against the allowed set
 * written out below. Each attempt runs in a transaction that is rolled back, so one attempt never
 * changes what the next one sees. The column lists come from the catalogue, so a new column (or
 * table) is tried the day it is added.
 */

const ROLES = [
	'coordinator',
	'supporter',
	'mentor',
	'mentee',
	'observer',
	'stranger',
	'anonymous'
] as const;
type Role = (typeof ROLES)[number];

interface Ctx {
	org: string;
	program: string;
	pair: string;
	sheet: string;
	/** The pair's lesson observation sheet and a second lesson of it. */
	lessonSheet: string;
	lesson: string;
	meeting: string;
	exitRequest: string;
	invitation: string;
	message: string;
	/** A message by the mentee, so each of the two can attach a file to their own. */
	menteeMessage: string;
	file: string;
	certificate: string;
	care: Awaited<ReturnType<typeof buildCareRows>>;
	resources: Awaited<ReturnType<typeof buildResourceRows>>;
	group: Awaited<ReturnType<typeof buildGroupWithContent>>;
	engagement: Awaited<ReturnType<typeof buildEngagementRows>>;
	mentorGroup: Awaited<ReturnType<typeof buildMentorGroup>>;
	people: Record<Exclude<Role, 'anonymous'>, BuiltUser> & {
		organiser: BuiltUser;
		mentor2: BuiltUser;
		mentee2: BuiltUser;
	};
}

interface InsertCase {
	name: string;
	/** Run as the owner before the attempt, in the same transaction (rolled back with it). */
	prep?: (c: Ctx) => [string, SqlValue[]];
	sql: (c: Ctx, me: string) => [string, SqlValue[]];
	allowed: Role[];
}

interface TableRules {
	/** Selects the one row the update and delete attempts aim at. */
	row: (c: Ctx) => [string, SqlValue[]];
	/** Columns each role may update on that row; every other column is refused. */
	update: Partial<Record<Role, string[]>>;
	delete: Role[];
	insert: InsertCase[];
}

const none = { update: {}, delete: [], insert: [] } satisfies Omit<TableRules, 'row'>;
const PAIR_EDIT = [
	'planned_on',
	'starts_at',
	'duration_minutes',
	'place',
	'mode',
	'call_link',
	'held_at',
	'updated_at'
];
const PROGRAM_EDIT = [
	'kind',
	'name',
	'description',
	'starts_on',
	'ends_on',
	'planned_sessions',
	'cadence_days',
	'session_minutes',
	'max_mentees_per_mentor',
	'min_group_size',
	'retention_months',
	'updated_at',
	'stall_days',
	'checkin_every_days',
	'require_coordinator_mfa',
	'mentor_pool'
];
const RESOURCE_EDIT = [
	'title',
	'description',
	'body',
	'url',
	'phases',
	'instruments',
	'audience',
	'status',
	'updated_at'
];
const PREFERENCE_COLUMNS = [
	'messages',
	'comments',
	'assignments',
	'meetings',
	'reminders',
	'pair',
	'digest_hour',
	'updated_at'
];

const RULES: Record<string, TableRules> = {
	certificates: {
		row: (c) => ['id = $1', [c.certificate]],
		...none,
		insert: [
			{
				name: 'a certificate with facts of one’s choosing',
				sql: (c, me) => [
					`insert into public.certificates (code, program_id, pair_id, person_id, role, person_name,
						program_name, organisation_name, period_start, period_end, sessions_held, coordinator_name)
					 values ($1, $2, $3, $4, 'mentee', 'M', 'P', 'O', '2026-01-01', '2026-06-30', 99, 'C')`,
					['z'.repeat(43), c.program, c.pair, me]
				],
				allowed: []
			}
		]
	},
	portfolio_items: {
		row: (c) => ['owner_id = $1 and kind = $2', [c.people.mentee.id, 'goals']],
		update: {},
		delete: ['mentee'],
		insert: [
			{
				name: 'a sheet of one’s pair into one’s portfolio',
				sql: (c, me) => [
					"insert into public.portfolio_items (owner_id, kind, sheet_id) values ($1, 'sheet', $2)",
					[me, c.sheet]
				],
				allowed: ['mentee']
			},
			{
				name: 'a sheet into someone else’s portfolio',
				sql: (c) => [
					"insert into public.portfolio_items (owner_id, kind, sheet_id) values ($1, 'sheet', $2)",
					[c.people.mentee.id, c.sheet]
				],
				allowed: ['mentee']
			},
			{
				name: 'the mentee’s certificate into one’s portfolio',
				sql: (c, me) => [
					"insert into public.portfolio_items (owner_id, kind, certificate_id) values ($1, 'certificate', $2)",
					[me, c.certificate]
				],
				allowed: ['mentee']
			}
		]
	},
	organisations: {
		row: (c) => ['id = $1', [c.org]],
		update: { coordinator: ['name'] },
		delete: [],
		insert: [
			{
				name: 'a new organisation',
				sql: () => ["insert into public.organisations (name) values ('New')", []],
				allowed: []
			}
		]
	},
	organisation_members: {
		row: (c) => ['organisation_id = $1 and user_id = $2', [c.org, c.people.organiser.id]],
		update: { coordinator: ['role'] },
		delete: ['coordinator'],
		insert: [
			{
				name: 'another person as organiser',
				sql: (c) => [
					"insert into public.organisation_members (organisation_id, user_id, role) values ($1, $2, 'coordinator')",
					[c.org, c.people.stranger.id]
				],
				allowed: ['coordinator']
			},
			{
				name: 'oneself as owner',
				prep: (c) => [
					'delete from public.organisation_members where organisation_id = $1 and user_id = $2',
					[c.org, c.people.coordinator.id]
				],
				sql: (c, me) => [
					"insert into public.organisation_members (organisation_id, user_id, role) values ($1, $2, 'owner')",
					[c.org, me]
				],
				allowed: []
			}
		]
	},
	profiles: {
		row: (c) => ['id = $1', [c.people.mentee.id]],
		update: { mentee: ['display_name', 'locale', 'updated_at'] },
		delete: [],
		insert: [
			{
				name: 'one’s own profile',
				prep: (c) => ['delete from public.profiles where id = any($1)', [allIds(c)]],
				sql: (_c, me) => [
					"insert into public.profiles (id, email, display_name) values ($1, 'someone@example.org', 'Someone')",
					[me]
				],
				allowed: []
			}
		]
	},
	programs: {
		row: (c) => ['id = $1', [c.program]],
		update: { coordinator: PROGRAM_EDIT },
		delete: [],
		insert: [
			{
				name: 'a programme in the organisation',
				sql: (c, me) => [
					"insert into public.programs (organisation_id, kind, name, starts_on, ends_on, created_by) values ($1, 'youth', 'New', '2027-01-01', '2027-12-31', $2)",
					[c.org, me]
				],
				allowed: ['coordinator']
			},
			{
				name: 'a programme credited to someone else',
				sql: (c) => [
					"insert into public.programs (organisation_id, kind, name, starts_on, ends_on, created_by) values ($1, 'youth', 'New', '2027-01-01', '2027-12-31', $2)",
					[c.org, c.people.organiser.id]
				],
				allowed: []
			}
		]
	},
	memberships: {
		row: (c) => ['program_id = $1 and user_id = $2', [c.program, c.people.mentee.id]],
		update: { coordinator: ['role', 'status', 'removed_at', 'updated_at'] },
		delete: [],
		insert: [
			{
				name: 'oneself into the programme',
				prep: (c) => [
					'delete from public.memberships where program_id = $1 and user_id = any($2)',
					[c.program, allIds(c)]
				],
				sql: (c, me) => [
					"insert into public.memberships (program_id, user_id, role) values ($1, $2, 'mentor')",
					[c.program, me]
				],
				allowed: []
			},
			{
				name: 'someone else into the programme',
				sql: (c) => [
					"insert into public.memberships (program_id, user_id, role) values ($1, $2, 'mentee')",
					[c.program, c.people.organiser.id]
				],
				allowed: []
			}
		]
	},
	invitations: {
		row: (c) => ['id = $1', [c.invitation]],
		update: { coordinator: ['token_hash', 'expires_at', 'revoked_at'] },
		delete: [],
		insert: [
			{
				name: 'an invitation as oneself',
				sql: (c, me) => [
					"insert into public.invitations (program_id, email, role, token_hash, invited_by, expires_at) values ($1, $2, 'mentee', $3, $4, now() + interval '1 day')",
					[c.program, `new-${randomUUID()}@example.org`, randomUUID(), me]
				],
				allowed: ['coordinator']
			},
			{
				name: 'an invitation that is already accepted',
				sql: (c, me) => [
					"insert into public.invitations (program_id, email, role, token_hash, invited_by, expires_at, accepted_at, accepted_by) values ($1, $2, 'coordinator', $3, $4, now() + interval '1 day', now(), $4)",
					[c.program, `new-${randomUUID()}@example.org`, randomUUID(), me]
				],
				allowed: []
			}
		]
	},
	audit_events: {
		row: (c) => ['program_id = $1', [c.program]],
		...none,
		insert: [
			{
				name: 'an audit row',
				sql: (c, me) => [
					"insert into public.audit_events (program_id, actor_id, action, entity_type) values ($1, $2, 'x', 'y')",
					[c.program, me]
				],
				allowed: []
			}
		]
	},
	pairs: {
		row: (c) => ['id = $1', [c.pair]],
		update: {
			coordinator: ['status', 'phase', 'supporter_id', 'updated_at', 'ended_at', 'label']
		},
		delete: [],
		insert: [
			{
				name: "the programme's mentor and an unpaired mentee",
				sql: (c) => [
					"insert into public.pairs (program_id, mentor_id, mentee_id, supporter_id, pseudonym) values ($1, $2, $3, $4, 'P-99')",
					[c.program, c.people.mentor.id, c.people.mentee2.id, c.people.supporter.id]
				],
				allowed: ['coordinator']
			},
			{
				name: 'oneself as the mentor',
				sql: (c, me) => [
					"insert into public.pairs (program_id, mentor_id, mentee_id, pseudonym) values ($1, $2, $3, 'P-98')",
					[c.program, me, c.people.mentee2.id]
				],
				allowed: []
			},
			{
				name: 'a mentee as the supporter',
				sql: (c) => [
					"insert into public.pairs (program_id, mentor_id, mentee_id, supporter_id, pseudonym) values ($1, $2, $3, $4, 'P-97')",
					[c.program, c.people.mentor2.id, c.people.mentee2.id, c.people.mentee.id]
				],
				allowed: []
			}
		]
	},
	meetings: {
		row: (c) => ['id = $1', [c.meeting]],
		update: { mentor: PAIR_EDIT, mentee: PAIR_EDIT },
		delete: [],
		insert: [
			{
				name: 'a meeting of the pair',
				sql: (c) => ['insert into public.meetings (pair_id, number) values ($1, 150)', [c.pair]],
				allowed: ['coordinator']
			}
		]
	},
	sheets: {
		row: (c) => ['id = $1', [c.sheet]],
		update: { mentor: ['status', 'updated_at'], mentee: ['status', 'updated_at'] },
		delete: [],
		insert: [
			{
				name: 'a sheet named after its pair',
				sql: (c) => {
					const id = randomUUID();
					return [
						"insert into public.sheets (id, pair_id, template_key, template_version, doc_name) values ($1, $2, 'extra', 1, $3)",
						[id, c.pair, `pair/${c.pair}/sheet/${id}`]
					];
				},
				allowed: ['coordinator']
			},
			{
				name: "a sheet pointing at another pair's document",
				sql: (c) => [
					"insert into public.sheets (id, pair_id, template_key, template_version, doc_name) values ($1, $2, 'extra', 1, $3)",
					[randomUUID(), c.pair, `pair/${randomUUID()}/sheet/${randomUUID()}`]
				],
				allowed: []
			}
		]
	},
	sheet_progress: {
		row: (c) => ['sheet_id = $1', [c.sheet]],
		...none,
		insert: [
			{
				name: 'progress',
				sql: (c) => [
					"insert into public.sheet_progress (sheet_id, pair_id, template_key, filled, total) values ($1, $2, 'x', 1, 1)",
					[randomUUID(), c.pair]
				],
				allowed: []
			}
		]
	},
	signatures: {
		row: (c) => ['pair_id = $1', [c.pair]],
		...none,
		insert: [
			{
				name: 'a signature as oneself with a hash of one’s choosing',
				sql: (c, me) => [
					"insert into public.signatures (sheet_id, pair_id, signer_id, template_key, role, content_hash) select id, pair_id, $2, template_key, 'mentee', $3 from public.sheets where id = $1",
					[c.sheet, me, 'a'.repeat(64)]
				],
				allowed: []
			}
		]
	},
	log_submissions: {
		row: (c) => ['pair_id = $1 and author_role = $2', [c.pair, 'mentor']],
		...none,
		insert: ['mentor', 'mentee']
			.map((role) => ({
				name: `a logbook part 2 as ${role}`,
				sql: (c: Ctx, me: string) =>
					[
						"insert into public.log_submissions (pair_id, author_id, author_role, meeting_id, met_on) values ($1, $2, $3, $4, '2026-10-01')",
						[c.pair, me, role, c.meeting]
					] as [string, SqlValue[]],
				allowed: [role as Role]
			}))
			.concat(
				(['mentor', 'mentee'] as const).map((role) => ({
					name: `a mentor group's logbook part 2 as ${role}`,
					sql: (c: Ctx, me: string) =>
						[
							"insert into public.log_submissions (mentor_group_id, author_id, author_role, met_on) values ($1, $2, $3, '2026-10-01')",
							[c.mentorGroup.group, me, role]
						] as [string, SqlValue[]],
					allowed: [role as Role]
				}))
			)
	},
	intake_responses: {
		row: (c) => ['program_id = $1', [c.program]],
		...none,
		insert: (
			[
				['mentee-intake', 'mentee'],
				['teacher-needs', 'mentee'],
				['match-mentee', 'mentee'],
				['mentor-self-assessment', 'mentor'],
				['match-mentor', 'mentor']
			] as const
		).map(([form, role]) => ({
			name: `the form ${form}`,
			sql: (c: Ctx, me: string) =>
				[
					"insert into public.intake_responses (program_id, user_id, form_key, form_version, answers) values ($1, $2, $3, 1, '{}')",
					[c.program, me, form]
				] as [string, SqlValue[]],
			allowed: [role]
		}))
	},
	match_preferences: {
		row: (c) => ['program_id = $1 and chooser_id = $2', [c.program, c.people.mentee.id]],
		update: { mentee: ['rating', 'rank', 'place'] },
		delete: ['mentee'],
		insert: [
			{
				name: 'a choice of a mentor',
				sql: (c, me) => [
					'insert into public.match_preferences (program_id, chooser_id, chosen_id, rank) values ($1, $2, $3, 1)',
					[c.program, me, c.people.mentor2.id]
				],
				allowed: ['mentee']
			},
			{
				name: 'a choice of a mentee',
				sql: (c, me) => [
					'insert into public.match_preferences (program_id, chooser_id, chosen_id, rank) values ($1, $2, $3, 1)',
					[c.program, me, c.people.mentee2.id]
				],
				allowed: ['mentor']
			},
			{
				name: 'a choice of someone outside the programme',
				sql: (c, me) => [
					'insert into public.match_preferences (program_id, chooser_id, chosen_id, rank) values ($1, $2, $3, 1)',
					[c.program, me, c.people.organiser.id]
				],
				allowed: []
			}
		]
	},
	matching_settings: {
		row: (c) => ['program_id = $1', [c.program]],
		update: { coordinator: ['weights', 'objective', 'exclusions', 'locked', 'updated_at'] },
		delete: ['coordinator'],
		insert: [
			{
				name: 'the settings of the programme',
				prep: (c) => ['delete from public.matching_settings where program_id = $1', [c.program]],
				sql: (c) => ['insert into public.matching_settings (program_id) values ($1)', [c.program]],
				allowed: ['coordinator']
			}
		]
	},
	mentor_supporters: {
		row: (c) => ['program_id = $1 and mentor_id = $2', [c.program, c.people.mentor.id]],
		update: { coordinator: ['supporter_id', 'assigned_at'] },
		delete: ['coordinator'],
		insert: [
			{
				name: "a supporter for the programme's other mentor",
				sql: (c) => [
					'insert into public.mentor_supporters (program_id, mentor_id, supporter_id) values ($1, $2, $3)',
					[c.program, c.people.mentor2.id, c.people.supporter.id]
				],
				allowed: ['coordinator']
			},
			{
				name: 'a mentee as supporter',
				sql: (c) => [
					'insert into public.mentor_supporters (program_id, mentor_id, supporter_id) values ($1, $2, $3)',
					[c.program, c.people.mentor2.id, c.people.mentee.id]
				],
				allowed: []
			}
		]
	},
	teacher_evaluators: {
		row: (c) => ['program_id = $1 and evaluator_id = $2', [c.program, c.people.observer.id]],
		update: {},
		delete: ['coordinator'],
		insert: [
			{
				name: "the programme's supporter evaluates its mentee",
				sql: (c, me) => [
					'insert into public.teacher_evaluators (program_id, evaluator_id, teacher_id, created_by) values ($1, $2, $3, $4)',
					[c.program, c.people.supporter.id, c.people.mentee.id, me]
				],
				allowed: ['coordinator']
			},
			{
				name: 'recorded in the name of someone else',
				sql: (c) => [
					'insert into public.teacher_evaluators (program_id, evaluator_id, teacher_id, created_by) values ($1, $2, $3, $4)',
					[c.program, c.people.supporter.id, c.people.mentee.id, c.people.mentor2.id]
				],
				allowed: []
			},
			{
				name: 'a mentee as evaluator',
				sql: (c, me) => [
					'insert into public.teacher_evaluators (program_id, evaluator_id, teacher_id, created_by) values ($1, $2, $3, $4)',
					[c.program, c.people.mentee2.id, c.people.mentee.id, me]
				],
				allowed: []
			},
			{
				name: 'a mentor evaluated',
				sql: (c, me) => [
					'insert into public.teacher_evaluators (program_id, evaluator_id, teacher_id, created_by) values ($1, $2, $3, $4)',
					[c.program, c.people.supporter.id, c.people.mentor2.id, me]
				],
				allowed: []
			}
		]
	},
	exit_requests: {
		row: (c) => ['id = $1', [c.exitRequest]],
		update: { coordinator: ['status', 'outcome', 'handled_at', 'handled_by'] },
		delete: [],
		insert: ['mentor', 'mentee'].map((role) => ({
			name: `a request as ${role}`,
			sql: (c: Ctx, me: string) =>
				[
					"insert into public.exit_requests (pair_id, requested_by, requester_role, reason) values ($1, $2, $3, 'Why')",
					[c.pair, me, role]
				] as [string, SqlValue[]],
			allowed: [role as Role]
		}))
	},
	checkins: {
		// The mentee's open check-in: only its respondent answers it, and only the answer columns.
		row: (c) => ['id = $1', [c.care.menteeCheckin]],
		update: { mentee: ['satisfaction', 'progress', 'comment'] },
		delete: [],
		insert: [
			{
				name: 'a check-in for oneself',
				sql: (c, me) => [
					"insert into public.checkins (program_id, pair_id, respondent_id, respondent_role, occasion, phase) values ($1, $2, $3, 'mentee', 'end', 'BR')",
					[c.program, c.pair, me]
				],
				allowed: []
			}
		]
	},
	concerns: {
		row: (c) => ['id = $1', [c.care.concern]],
		update: { coordinator: ['status'] },
		delete: [],
		insert: ['mentor', 'mentee'].map((role) => ({
			name: `a concern as ${role}`,
			sql: (c: Ctx, me: string) =>
				[
					"insert into public.concerns (program_id, pair_id, raised_by, raiser_role, reason, urgency) values ($1, $2, $3, $4, 'Why', 'soon')",
					[c.program, c.pair, me, role]
				] as [string, SqlValue[]],
			allowed: [role as Role]
		}))
	},
	support_meetings: {
		row: (c) => ['id = $1', [c.care.supportMeeting]],
		update: { coordinator: ['met_on', 'note', 'follow_up', 'updated_at'] },
		delete: ['coordinator'],
		insert: [
			{
				name: "a meeting with the programme's mentor",
				sql: (c, me) => [
					"insert into public.support_meetings (program_id, mentor_id, met_on, created_by) values ($1, $2, '2026-11-01', $3)",
					[c.program, c.people.mentor.id, me]
				],
				allowed: ['coordinator']
			},
			{
				name: 'a meeting with a mentee',
				sql: (c, me) => [
					"insert into public.support_meetings (program_id, mentor_id, met_on, created_by) values ($1, $2, '2026-11-01', $3)",
					[c.program, c.people.mentee.id, me]
				],
				allowed: []
			}
		]
	},
	program_instruments: {
		row: (c) => ['program_id = $1 and template_key = $2', [c.program, 'S1']],
		// The programme and the instrument of a row are never rewritten, not even by a coordinator.
		update: { coordinator: ['enabled', 'position', 'updated_at'] },
		delete: ['coordinator'],
		insert: [
			{
				name: 'an instrument choice for one’s programme',
				sql: (c) => [
					"insert into public.program_instruments (program_id, template_key, enabled, position) values ($1, 'V3', true, 2)",
					[c.program]
				],
				allowed: ['coordinator']
			}
		]
	},
	resources: {
		// The mentor's submitted case study: the mentor may still change it, the coordinator reviews it.
		row: (c) => ['id = $1', [c.resources.submittedCase]],
		update: {
			coordinator: RESOURCE_EDIT,
			mentor: RESOURCE_EDIT
		},
		delete: ['coordinator', 'mentor'],
		insert: [
			{
				name: 'a published link in the programme, as oneself',
				sql: (c, me) => [
					"insert into public.resources (program_id, kind, title, url, audience, status, author_id) values ($1, 'link', 'L', 'https://example.org', '{mentor}', 'published', $2)",
					[c.program, me]
				],
				allowed: ['coordinator']
			},
			{
				name: 'a submitted case study, as oneself',
				sql: (c, me) => [
					"insert into public.resources (program_id, kind, title, body, status, author_id) values ($1, 'case_study', 'C', 'B', 'submitted', $2)",
					[c.program, me]
				],
				allowed: ['coordinator', 'mentor']
			},
			{
				name: 'a published case study, as oneself',
				sql: (c, me) => [
					"insert into public.resources (program_id, kind, title, body, status, author_id) values ($1, 'case_study', 'C', 'B', 'published', $2)",
					[c.program, me]
				],
				allowed: ['coordinator']
			},
			{
				name: 'a case study in the mentor’s name',
				sql: (c) => [
					"insert into public.resources (program_id, kind, title, body, status, author_id) values ($1, 'case_study', 'C', 'B', 'draft', $2)",
					[c.program, c.people.mentor.id]
				],
				allowed: ['mentor']
			}
		]
	},
	resource_collections: {
		row: (c) => ['id = $1', [c.resources.collection]],
		update: { coordinator: ['title', 'description', 'audience', 'updated_at', 'position'] },
		delete: ['coordinator'],
		insert: [
			{
				name: 'a collection, as oneself',
				sql: (c, me) => [
					"insert into public.resource_collections (program_id, kind, title, audience, created_by) values ($1, 'orientation', 'O', '{mentee}', $2)",
					[c.program, me]
				],
				allowed: ['coordinator']
			}
		]
	},
	sheet_lessons: {
		row: (c) => ['id = $1', [c.lesson]],
		update: {
			mentor: ['lesson_date', 'class_name', 'subject'],
			mentee: ['lesson_date', 'class_name', 'subject']
		},
		delete: [],
		insert: [
			{
				name: 'a further lesson of the pair’s observation, as oneself',
				sql: (c, me) => [
					`insert into public.sheet_lessons (id, sheet_id, pair_id, number, doc_name, created_by)
					 select g.id, $1, $2::uuid, 3, 'pair/' || $2::text || '/sheet/' || g.id::text, $3
					 from (select gen_random_uuid() as id) g`,
					[c.lessonSheet, c.pair, me]
				],
				allowed: ['mentor', 'mentee']
			},
			{
				name: 'a lesson in the mentor’s name',
				sql: (c) => [
					`insert into public.sheet_lessons (id, sheet_id, pair_id, number, doc_name, created_by)
					 select g.id, $1, $2::uuid, 3, 'pair/' || $2::text || '/sheet/' || g.id::text, $3
					 from (select gen_random_uuid() as id) g`,
					[c.lessonSheet, c.pair, c.people.mentor.id]
				],
				allowed: ['mentor']
			},
			{
				name: 'a lesson hung on the agreement',
				sql: (c, me) => [
					`insert into public.sheet_lessons (id, sheet_id, pair_id, number, doc_name, created_by)
					 select g.id, $1, $2::uuid, 3, 'pair/' || $2::text || '/sheet/' || g.id::text, $3
					 from (select gen_random_uuid() as id) g`,
					[c.sheet, c.pair, me]
				],
				allowed: []
			}
		]
	},
	resource_collection_items: {
		row: (c) => ['id = $1', [c.resources.item]],
		update: { coordinator: ['position'] },
		delete: ['coordinator'],
		insert: [
			{
				name: 'a resource of the programme in its collection',
				sql: (c) => [
					'insert into public.resource_collection_items (collection_id, resource_id, position) values ($1, $2, 5)',
					[c.resources.collection, c.resources.menteeLink]
				],
				allowed: ['coordinator']
			}
		]
	},
	resource_done: {
		row: (c) => ['item_id = $1 and user_id = $2', [c.resources.item, c.people.mentor.id]],
		update: {},
		delete: ['mentor'],
		insert: [
			{
				name: 'one’s own mark on an item of the mentor training',
				sql: (c, me) => [
					'insert into public.resource_done (item_id, user_id) values ($1, $2)',
					[c.resources.item2, me]
				],
				// The training is for mentors; supporters read mentors' material too.
				allowed: ['coordinator', 'supporter', 'mentor']
			},
			{
				name: 'a mark in the mentor’s name',
				sql: (c) => [
					'insert into public.resource_done (item_id, user_id) values ($1, $2)',
					[c.resources.item2, c.people.mentor.id]
				],
				allowed: ['mentor']
			}
		]
	},
	program_evaluations: {
		row: (c) => ['program_id = $1', [c.program]],
		...none,
		insert: [
			{
				name: 'an evaluation as oneself',
				sql: (c, me) => [
					"insert into public.program_evaluations (program_id, form_version, answers, submitted_by) values ($1, 1, '{}', $2)",
					[c.program, me]
				],
				allowed: ['coordinator']
			}
		]
	},
	pair_call_links: {
		row: (c) => ['pair_id = $1', [c.pair]],
		// The row was written by the mentor: the mentee changes it only when signing it as themself.
		update: { mentor: ['url', 'updated_by', 'updated_at'] },
		delete: ['mentor', 'mentee'],
		insert: [
			{
				name: 'the pair’s link, as oneself',
				prep: (c) => ['delete from public.pair_call_links where pair_id = $1', [c.pair]],
				sql: (c, me) => [
					"insert into public.pair_call_links (pair_id, url, updated_by) values ($1, 'https://meet.jit.si/x', $2)",
					[c.pair, me]
				],
				allowed: ['mentor', 'mentee']
			},
			{
				name: 'the pair’s link in another person’s name',
				prep: (c) => ['delete from public.pair_call_links where pair_id = $1', [c.pair]],
				sql: (c) => [
					"insert into public.pair_call_links (pair_id, url, updated_by) values ($1, 'https://meet.jit.si/x', $2)",
					[c.pair, c.people.organiser.id]
				],
				allowed: []
			}
		]
	},
	assignments: {
		// Asked by the mentor, for the mentee.
		row: (c) => ['pair_id = $1', [c.pair]],
		update: { mentor: ['due_on', 'note'], mentee: ['done_at'] },
		delete: ['mentor'],
		insert: [
			{
				name: 'an assignment for the mentee, as oneself',
				sql: (c, me) => [
					"insert into public.assignments (pair_id, sheet_key, assignee_id, created_by, due_on) values ($1, 'PS2', $2, $3, '2026-12-10')",
					[c.pair, c.people.mentee.id, me]
				],
				allowed: ['mentor', 'mentee']
			},
			{
				name: 'an assignment in another person’s name',
				sql: (c) => [
					"insert into public.assignments (pair_id, sheet_key, assignee_id, created_by, due_on) values ($1, 'PS2', $2, $3, '2026-12-10')",
					[c.pair, c.people.mentee.id, c.people.organiser.id]
				],
				allowed: []
			},
			{
				name: 'an assignment for someone outside the pair',
				sql: (c, me) => [
					"insert into public.assignments (pair_id, sheet_key, assignee_id, created_by, due_on) values ($1, 'PS2', $2, $3, '2026-12-10')",
					[c.pair, c.people.mentee2.id, me]
				],
				allowed: []
			}
		]
	},
	// The path: written by the database only (a trigger on pairs, security-definer functions).
	pair_path_history: {
		row: (c) => ['pair_id = $1', [c.pair]],
		...none,
		insert: [
			{
				name: 'a phase change written by hand',
				sql: (c, me) => [
					"insert into public.pair_path_history (pair_id, kind, from_value, to_value, changed_by) values ($1, 'phase', 'BR', 'MO', $2)",
					[c.pair, me]
				],
				allowed: []
			}
		]
	},
	phase_proposals: {
		row: (c) => ['pair_id = $1', [c.pair]],
		...none,
		insert: [
			{
				name: 'a proposal written by hand, as oneself',
				sql: (c, me) => [
					"insert into public.phase_proposals (pair_id, from_phase, to_phase, proposed_by, proposer_role) values ($1, 'WU', 'MO', $2, 'mentee')",
					[c.pair, me]
				],
				allowed: []
			}
		]
	},
	calendar_feeds: {
		// The mentee's feed; a new secret replaces the row (delete + insert), nobody updates one.
		row: (c) => ['user_id = $1', [c.people.mentee.id]],
		update: {},
		delete: ['mentee'],
		insert: [
			{
				name: 'one’s own feed',
				prep: () => ['delete from public.calendar_feeds', []],
				sql: (_c, me) => [
					"insert into public.calendar_feeds (user_id, secret_hash) values ($1, repeat('a', 64))",
					[me]
				],
				allowed: ['coordinator', 'supporter', 'mentor', 'mentee', 'observer', 'stranger']
			},
			{
				name: 'a feed for another person',
				prep: () => ['delete from public.calendar_feeds', []],
				sql: (c) => [
					"insert into public.calendar_feeds (user_id, secret_hash) values ($1, repeat('a', 64))",
					[c.people.organiser.id]
				],
				allowed: []
			}
		]
	},
	jobs: {
		row: () => ['true', []],
		...none,
		insert: [
			{
				name: 'a job',
				sql: () => ["insert into public.jobs (kind, key) values ('x', 'rls-test')", []],
				allowed: []
			}
		]
	},
	data_exports: {
		// The mentee's export: read by its owner only; the job (service role) writes the rest.
		row: (c) => ['user_id = $1', [c.people.mentee.id]],
		...none,
		insert: [
			{
				name: 'an export for oneself',
				sql: (_c, me) => ['insert into public.data_exports (user_id) values ($1)', [me]],
				allowed: ['coordinator', 'supporter', 'mentor', 'mentee', 'observer', 'stranger']
			},
			{
				name: 'an export for someone else',
				sql: (c) => [
					'insert into public.data_exports (user_id) values ($1)',
					[c.people.mentee2.id]
				],
				allowed: []
			}
		]
	},
	erasure_requests: {
		// The mentee's open request. A no-op update keeps status 'requested', which the decision
		// policy refuses; the decision itself is tested below (values matter).
		row: (c) => ['user_id = $1', [c.people.mentee.id]],
		update: {},
		delete: ['mentee'],
		insert: [
			{
				name: 'a request for oneself in the programme',
				prep: () => ['delete from public.erasure_requests', []],
				sql: (c, me) => [
					'insert into public.erasure_requests (user_id, program_id, reason) values ($1, $2, $3)',
					[me, c.program, 'weg']
				],
				allowed: ['coordinator', 'supporter', 'mentor', 'mentee', 'observer']
			},
			{
				name: 'a request for someone else',
				prep: () => ['delete from public.erasure_requests', []],
				sql: (c) => [
					'insert into public.erasure_requests (user_id, program_id) values ($1, $2)',
					[c.people.mentor2.id, c.program]
				],
				allowed: []
			},
			{
				name: 'a request that is confirmed already',
				prep: () => ['delete from public.erasure_requests', []],
				sql: (c, me) => [
					"insert into public.erasure_requests (user_id, program_id, status) values ($1, $2, 'confirmed')",
					[me, c.program]
				],
				allowed: []
			}
		]
	},
	retention_runs: {
		row: (c) => ['program_id = $1', [c.program]],
		...none,
		insert: [
			{
				name: 'a retention run',
				prep: () => ['delete from public.retention_runs', []],
				sql: (c) => [
					'insert into public.retention_runs (program_id, purged_at) values ($1, now())',
					[c.program]
				],
				allowed: []
			}
		]
	},
	notifications: {
		row: (c) => ['user_id = $1', [c.people.mentee.id]],
		update: { mentee: ['read_at'] },
		delete: [],
		insert: [
			{
				name: 'a notification for oneself',
				sql: (_c, me) => [
					"insert into public.notifications (user_id, kind, category, link) values ($1, 'message', 'messages', '/')",
					[me]
				],
				allowed: []
			}
		]
	},
	notification_preferences: {
		row: (c) => ['user_id = $1', [c.people.mentee.id]],
		update: { mentee: PREFERENCE_COLUMNS },
		delete: [],
		insert: [
			{
				name: 'own preferences',
				sql: (_c, me) => [
					"insert into public.notification_preferences (user_id, messages) values ($1, 'off') on conflict (user_id) do nothing",
					[me]
				],
				allowed: ['coordinator', 'supporter', 'mentor', 'mentee', 'observer', 'stranger']
			},
			{
				name: "someone else's preferences",
				sql: (c) => [
					"insert into public.notification_preferences (user_id, messages) values ($1, 'off')",
					[c.people.mentee2.id]
				],
				allowed: []
			}
		]
	},
	schools: {
		row: (c) => ['id = $1', [c.group.schoolA]],
		update: { coordinator: ['name', 'school_group', 'region', 'updated_at'] },
		delete: ['coordinator'],
		insert: [
			{
				name: 'a school in the programme',
				sql: (c) => [
					"insert into public.schools (program_id, name) values ($1, 'New school')",
					[c.program]
				],
				allowed: ['coordinator']
			}
		]
	},
	school_members: {
		row: (c) => ['program_id = $1 and user_id = $2', [c.program, c.people.mentee.id]],
		update: { coordinator: ['school_id', 'function', 'updated_at'] },
		delete: ['coordinator'],
		insert: [
			{
				name: 'a participant of the programme in a school',
				sql: (c) => [
					"insert into public.school_members (program_id, user_id, school_id, function) values ($1, $2, $3, 'school_leader')",
					[c.program, c.people.mentor2.id, c.group.schoolB]
				],
				allowed: ['coordinator']
			},
			{
				name: 'someone outside the programme in a school',
				sql: (c) => [
					"insert into public.school_members (program_id, user_id, school_id, function) values ($1, $2, $3, 'school_leader')",
					[c.program, c.people.organiser.id, c.group.schoolB]
				],
				allowed: []
			}
		]
	},
	groups: {
		row: (c) => ['id = $1', [c.group.group]],
		update: { coordinator: ['kind', 'name', 'self_steering_since', 'updated_at'] },
		delete: ['coordinator'],
		insert: [
			{
				name: 'a group in the programme',
				sql: (c) => [
					"insert into public.groups (program_id, kind, name) values ($1, 'LGLB', 'New')",
					[c.program]
				],
				allowed: ['coordinator']
			}
		]
	},
	group_members: {
		row: (c) => ['group_id = $1 and user_id = $2', [c.group.group, c.people.mentee.id]],
		update: { coordinator: ['role', 'school_id'] },
		delete: ['coordinator'],
		insert: [
			{
				name: 'a participant for their own school',
				prep: (c) => [
					"insert into public.school_members (program_id, user_id, school_id, function) values ($1, $2, $3, 'school_leader')",
					[c.program, c.people.mentor2.id, c.group.schoolB]
				],
				sql: (c) => [
					"insert into public.group_members (group_id, user_id, role, school_id) values ($1, $2, 'member', $3)",
					[c.group.group, c.people.mentor2.id, c.group.schoolB]
				],
				allowed: ['coordinator']
			},
			{
				name: 'a participant for a school that is not theirs',
				prep: (c) => [
					"insert into public.school_members (program_id, user_id, school_id, function) values ($1, $2, $3, 'school_leader')",
					[c.program, c.people.mentor2.id, c.group.schoolB]
				],
				sql: (c) => [
					"insert into public.group_members (group_id, user_id, role, school_id) values ($1, $2, 'member', $3)",
					[c.group.group, c.people.mentor2.id, c.group.schoolA]
				],
				allowed: []
			},
			{
				name: 'someone outside the programme as facilitator',
				sql: (c) => [
					"insert into public.group_members (group_id, user_id, role) values ($1, $2, 'facilitator')",
					[c.group.group, c.people.organiser.id]
				],
				allowed: []
			}
		]
	},
	group_documents: {
		row: (c) => ['id = $1', [c.group.docId]],
		update: {
			supporter: ['title', 'updated_at'],
			mentor: ['title', 'updated_at'],
			mentee: ['title', 'updated_at'],
			observer: ['title', 'updated_at']
		},
		delete: [],
		insert: [
			{
				name: 'a document named after its group',
				sql: (c) => {
					const id = randomUUID();
					return [
						"insert into public.group_documents (id, group_id, kind, title, doc_name) values ($1, $2, 'action_plan', 'Plan', $3)",
						[id, c.group.group, `group/${c.group.group}/doc/${id}`]
					];
				},
				allowed: ['coordinator', 'supporter', 'mentor', 'mentee', 'observer']
			},
			{
				name: 'a workspace for the mentor and observer’s duo',
				sql: (c) => {
					const id = randomUUID();
					return [
						"insert into public.group_documents (id, group_id, kind, duo_id, title, doc_name) values ($1, $2, 'duo_workspace', $3, 'Duo 2', $4)",
						[id, c.group.group, c.group.duo, `group/${c.group.group}/doc/${id}`]
					];
				},
				allowed: ['supporter', 'mentor', 'observer']
			}
		]
	},
	reflections: {
		row: (c) => ['id = $1', [c.group.reflections.menteePrivate]],
		update: { mentee: ['title', 'shared_at', 'share_scope', 'updated_at', 'share_decided_at'] },
		delete: ['mentee'],
		insert: [
			{
				name: 'a reflection as oneself',
				sql: (c, me) => {
					const id = randomUUID();
					return [
						"insert into public.reflections (id, author_id, group_id, title, doc_name) values ($1, $2, $3, 'R', $4)",
						[id, me, c.group.group, `reflection/${id}`]
					];
				},
				allowed: ['mentor', 'mentee', 'observer']
			},
			{
				name: 'a reflection in someone else’s name',
				sql: (c) => {
					const id = randomUUID();
					return [
						"insert into public.reflections (id, author_id, group_id, title, doc_name) values ($1, $2, $3, 'R', $4)",
						[id, c.people.mentee.id, c.group.group, `reflection/${id}`]
					];
				},
				allowed: ['mentee']
			},
			{
				name: 'a reflection that starts shared',
				sql: (c, me) => {
					const id = randomUUID();
					return [
						"insert into public.reflections (id, author_id, group_id, title, doc_name, shared_at, share_scope) values ($1, $2, $3, 'R', $4, now(), 'group')",
						[id, me, c.group.group, `reflection/${id}`]
					];
				},
				allowed: []
			},
			{
				name: 'the closing reflection of a round (the mentee is its case owner)',
				sql: (c, me) => {
					const id = randomUUID();
					return [
						"insert into public.reflections (id, author_id, group_id, title, doc_name, intervision_round_id) values ($1, $2, $3, 'R', $4, $5)",
						[id, me, c.group.group, `reflection/${id}`, c.group.round]
					];
				},
				allowed: ['mentee']
			},
			{
				name: 'a reflection on the group’s meeting',
				sql: (c, me) => {
					const id = randomUUID();
					return [
						"insert into public.reflections (id, author_id, group_id, title, doc_name, group_meeting_id) values ($1, $2, $3, 'R', $4, $5)",
						[id, me, c.group.group, `reflection/${id}`, c.group.meeting]
					];
				},
				allowed: ['mentor', 'mentee', 'observer']
			}
		]
	},
	reflection_reactions: {
		row: (c) => ['id = $1', [c.group.reaction]],
		update: {},
		delete: ['observer'],
		insert: [
			{
				name: 'a reaction as oneself on a reflection shared with the group',
				sql: (c, me) => [
					"insert into public.reflection_reactions (reflection_id, user_id, kind) values ($1, $2, 'inspiring')",
					[c.group.reflections.menteeGroup, me]
				],
				// not the mentee: it is their own reflection
				allowed: ['supporter', 'mentor', 'observer']
			},
			{
				name: 'a reaction on a reflection shared with school A',
				sql: (c, me) => [
					"insert into public.reflection_reactions (reflection_id, user_id, kind) values ($1, $2, 'support')",
					[c.group.reflections.menteeSchool, me]
				],
				allowed: ['mentor']
			},
			{
				name: 'a reaction on a private reflection',
				sql: (c, me) => [
					"insert into public.reflection_reactions (reflection_id, user_id, kind) values ($1, $2, 'support')",
					[c.group.reflections.observerPrivate, me]
				],
				allowed: []
			},
			{
				name: 'a reaction in someone else’s name',
				sql: (c) => [
					"insert into public.reflection_reactions (reflection_id, user_id, kind) values ($1, $2, 'support')",
					[c.group.reflections.menteeGroup, c.people.mentor.id]
				],
				allowed: ['mentor']
			}
		]
	},
	reflection_comments: {
		row: (c) => ['id = $1', [c.group.comments.observerOnGroup]],
		update: {},
		delete: ['observer'],
		insert: [
			{
				name: 'a comment as oneself on a reflection shared with the group',
				sql: (c, me) => [
					"insert into public.reflection_comments (reflection_id, author_id, body) values ($1, $2, 'Ja')",
					[c.group.reflections.menteeGroup, me]
				],
				allowed: ['supporter', 'mentor', 'mentee', 'observer']
			},
			{
				name: 'a comment on a reflection shared with school A',
				sql: (c, me) => [
					"insert into public.reflection_comments (reflection_id, author_id, body) values ($1, $2, 'Ja')",
					[c.group.reflections.menteeSchool, me]
				],
				allowed: ['mentor', 'mentee']
			},
			{
				name: 'a comment on someone’s private reflection',
				sql: (c, me) => [
					"insert into public.reflection_comments (reflection_id, author_id, body) values ($1, $2, 'Ja')",
					[c.group.reflections.observerPrivate, me]
				],
				allowed: ['observer']
			},
			{
				name: 'a comment in someone else’s name',
				sql: (c) => [
					"insert into public.reflection_comments (reflection_id, author_id, body) values ($1, $2, 'Ja')",
					[c.group.reflections.menteeGroup, c.people.observer.id]
				],
				allowed: ['observer']
			}
		]
	},
	// The factory: intakes for schools A and B by the coordinator; the mentor (school leader of A)
	// signed A's statement; the observer leads school B; the mentee is a policy member of A.
	school_intakes: {
		row: (c) => ['school_id = $1', [c.group.schoolA]],
		update: {
			coordinator: [
				'conversation_on',
				'expectations',
				'feasibility',
				'commitments',
				'recorded_by',
				'updated_at'
			]
		},
		delete: [],
		insert: [
			{
				name: 'an intake recorded as oneself',
				prep: (c) => ['delete from public.school_intakes where school_id = $1', [c.group.schoolB]],
				sql: (c, me) => [
					"insert into public.school_intakes (program_id, school_id, conversation_on, recorded_by) values ($1, $2, '2026-06-17', $3)",
					[c.program, c.group.schoolB, me]
				],
				allowed: ['coordinator']
			},
			{
				name: 'an intake in the name of the mentor',
				prep: (c) => ['delete from public.school_intakes where school_id = $1', [c.group.schoolB]],
				sql: (c) => [
					"insert into public.school_intakes (program_id, school_id, conversation_on, recorded_by) values ($1, $2, '2026-06-17', $3)",
					[c.program, c.group.schoolB, c.people.mentor.id]
				],
				allowed: []
			}
		]
	},
	engagement_signatures: {
		row: (c) => ['id = $1', [c.engagement.signature]],
		update: {},
		delete: ['mentor'],
		insert: [
			{
				name: 'a signature as oneself for school B',
				sql: (c, me) => [
					"insert into public.engagement_signatures (school_id, signer_id, signer_function, locale, content_hash) values ($1, $2, 'directeur', 'nl', $3)",
					[c.group.schoolB, me, 'b'.repeat(64)]
				],
				allowed: ['observer']
			},
			{
				name: 'a signature as oneself for school A',
				prep: (c) => [
					'delete from public.engagement_signatures where school_id = $1',
					[c.group.schoolA]
				],
				sql: (c, me) => [
					"insert into public.engagement_signatures (school_id, signer_id, signer_function, locale, content_hash) values ($1, $2, 'directeur', 'nl', $3)",
					[c.group.schoolA, me, 'b'.repeat(64)]
				],
				allowed: ['mentor']
			},
			{
				name: 'a signature in the name of school B’s leader',
				sql: (c) => [
					"insert into public.engagement_signatures (school_id, signer_id, signer_function, locale, content_hash) values ($1, $2, 'directeur', 'nl', $3)",
					[c.group.schoolB, c.people.observer.id, 'b'.repeat(64)]
				],
				allowed: ['observer']
			},
			{
				name: 'a signature before the intake',
				prep: (c) => ['delete from public.school_intakes where school_id = $1', [c.group.schoolB]],
				sql: (c, me) => [
					"insert into public.engagement_signatures (school_id, signer_id, signer_function, locale, content_hash) values ($1, $2, 'directeur', 'nl', $3)",
					[c.group.schoolB, me, 'b'.repeat(64)]
				],
				allowed: []
			},
			{
				name: 'a signature dated in the past',
				sql: (c, me) => [
					"insert into public.engagement_signatures (school_id, signer_id, signer_function, locale, content_hash, signed_at) values ($1, $2, 'directeur', 'nl', $3, now() - interval '1 day')",
					[c.group.schoolB, me, 'b'.repeat(64)]
				],
				allowed: []
			}
		]
	},
	group_meetings: {
		row: (c) => ['id = $1', [c.group.meeting]],
		update: {
			supporter: [
				'starts_at',
				'duration_minutes',
				'mode',
				'place',
				'call_link',
				'held_at',
				'updated_at',
				'host_school_id'
			]
		},
		delete: ['supporter'],
		insert: [
			{
				name: 'a meeting of the group',
				sql: (c, me) => [
					"insert into public.group_meetings (group_id, starts_at, created_by) values ($1, now() + interval '1 day', $2)",
					[c.group.group, me]
				],
				allowed: ['supporter']
			},
			{
				name: 'a meeting once the group steers itself',
				prep: (c) => [
					'update public.groups set self_steering_since = current_date where id = $1',
					[c.group.group]
				],
				sql: (c, me) => [
					"insert into public.group_meetings (group_id, starts_at, created_by) values ($1, now() + interval '1 day', $2)",
					[c.group.group, me]
				],
				allowed: ['supporter', 'mentor', 'mentee', 'observer']
			}
		]
	},
	intervision_rounds: {
		row: (c) => ['id = $1', [c.group.round]],
		update: {
			supporter: [
				'step',
				'step_started_at',
				'step_seconds',
				'paused_remaining',
				'ended_at',
				'updated_at'
			],
			observer: [
				'step',
				'step_started_at',
				'step_seconds',
				'paused_remaining',
				'ended_at',
				'updated_at'
			]
		},
		delete: [],
		insert: [
			{
				name: 'a round with people of the group in its roles',
				prep: (c) => [
					'update public.intervision_rounds set ended_at = now() where group_id = $1',
					[c.group.group]
				],
				sql: (c, me) => [
					"insert into public.intervision_rounds (group_id, method, case_owner_id, chair_id, step_seconds, started_by) values ($1, 'incident', $2, $2, 300, $3)",
					[c.group.group, c.people.mentor.id, me]
				],
				allowed: ['supporter', 'mentor', 'mentee', 'observer']
			},
			{
				name: 'a round with an outsider as chair',
				prep: (c) => [
					'update public.intervision_rounds set ended_at = now() where group_id = $1',
					[c.group.group]
				],
				sql: (c, me) => [
					"insert into public.intervision_rounds (group_id, method, case_owner_id, chair_id, step_seconds, started_by) values ($1, 'incident', $2, $3, 300, $4)",
					[c.group.group, c.people.mentor.id, c.people.stranger.id, me]
				],
				allowed: []
			}
		]
	},
	group_duos: {
		row: (c) => ['id = $1', [c.group.duo]],
		update: {},
		delete: ['supporter', 'mentor', 'observer'],
		insert: [
			{
				name: 'a duo of oneself and another member',
				sql: (c, me) => [
					'insert into public.group_duos (group_id, member_a, member_b, created_by) values ($1, $2, $3, $2)',
					[c.group.group, me, me === c.people.mentee.id ? c.people.observer.id : c.people.mentee.id]
				],
				allowed: ['mentor', 'mentee', 'observer']
			},
			{
				name: 'a duo of two other members',
				sql: (c, me) => [
					'insert into public.group_duos (group_id, member_a, member_b, created_by) values ($1, $2, $3, $4)',
					[c.group.group, c.people.mentee.id, c.people.observer.id, me]
				],
				// The process coach forms any duo; the two form their own.
				allowed: ['supporter', 'mentee', 'observer']
			}
		]
	},
	needs_analyses: {
		row: (c) => ['id = $1', [c.group.needs]],
		update: { mentee: ['answers', 'submitted_at'] },
		delete: [],
		insert: [
			{
				name: 'one’s own needs analysis at the end of year 1',
				sql: (c, me) => [
					`insert into public.needs_analyses (group_id, user_id, moment, answers) values ($1, $2, 'year1_end', '{"pedagogy": 2}')`,
					[c.group.group, me]
				],
				allowed: ['mentor', 'mentee', 'observer']
			},
			{
				name: 'someone else’s needs analysis',
				sql: (c) => [
					`insert into public.needs_analyses (group_id, user_id, moment, answers) values ($1, $2, 'year2_end', '{"pedagogy": 2}')`,
					[c.group.group, c.people.observer.id]
				],
				allowed: ['observer']
			}
		]
	},
	community_self_evaluations: {
		row: (c) => ['id = $1', [c.group.selfEvaluation]],
		update: { mentee: ['answers', 'going_well', 'to_grow', 'submitted_at'] },
		// The author's own: they may also take it back.
		delete: ['mentee'],
		insert: [
			{
				name: 'one’s own self-evaluation at the end of year 1',
				sql: (c, me) => [
					`insert into public.community_self_evaluations (group_id, user_id, moment, answers, to_grow) values ($1, $2, 'year1_end', '{"pedagogy": 2}', 'Groeien')`,
					[c.group.group, me]
				],
				allowed: ['mentor', 'mentee', 'observer']
			},
			{
				name: 'someone else’s self-evaluation',
				sql: (c) => [
					`insert into public.community_self_evaluations (group_id, user_id, moment, answers) values ($1, $2, 'year2_end', '{"pedagogy": 2}')`,
					[c.group.group, c.people.observer.id]
				],
				allowed: ['observer']
			}
		]
	},
	mail_outbox: {
		row: () => ['true', []],
		...none,
		insert: [
			{
				name: 'a mail',
				sql: () => [
					"insert into public.mail_outbox (to_email, subject, body_text, kind) values ('a@example.org', 's', 'b', 'x')",
					[]
				],
				allowed: []
			}
		]
	},
	yjs_updates: {
		row: () => ['true', []],
		...none,
		insert: [
			{
				name: 'an update',
				sql: (c) => [
					"insert into public.yjs_updates (doc_name, update) values ($1, '\\x00')",
					[`pair/${c.pair}/sheet/${c.sheet}`]
				],
				allowed: []
			}
		]
	},
	yjs_snapshots: {
		row: () => ['true', []],
		...none,
		insert: [
			{
				name: 'a snapshot',
				sql: () => [
					"insert into public.yjs_snapshots (doc_name, state, upto_id) values ('x', '\\x00', 1)",
					[]
				],
				allowed: []
			}
		]
	},
	messages: {
		row: (c) => ['id = $1', [c.message]],
		update: { mentor: ['body', 'edited_at', 'deleted_at'] },
		delete: [],
		insert: [
			{
				name: 'a message as oneself',
				sql: (c, me) => [
					"insert into public.messages (pair_id, author_id, body) values ($1, $2, 'Hi')",
					[c.pair, me]
				],
				allowed: ['mentor', 'mentee']
			},
			{
				name: "a message in the mentee's name",
				sql: (c) => [
					"insert into public.messages (pair_id, author_id, body) values ($1, $2, 'Hi')",
					[c.pair, c.people.mentee.id]
				],
				allowed: ['mentee']
			},
			{
				name: 'a message dated in the past',
				sql: (c, me) => [
					"insert into public.messages (pair_id, author_id, body, created_at) values ($1, $2, 'Hi', now() - interval '1 day')",
					[c.pair, me]
				],
				allowed: []
			}
		]
	},
	message_reads: {
		row: (c) => ['pair_id = $1 and user_id = $2', [c.pair, c.people.mentor.id]],
		update: { mentor: ['read_at'] },
		delete: [],
		insert: [
			{
				name: 'one’s own read mark',
				prep: (c) => ['delete from public.message_reads where pair_id = $1', [c.pair]],
				sql: (c, me) => [
					'insert into public.message_reads (pair_id, user_id, read_at) values ($1, $2, now())',
					[c.pair, me]
				],
				allowed: ['mentor', 'mentee']
			},
			{
				name: "the mentee's read mark",
				prep: (c) => ['delete from public.message_reads where pair_id = $1', [c.pair]],
				sql: (c) => [
					'insert into public.message_reads (pair_id, user_id, read_at) values ($1, $2, now())',
					[c.pair, c.people.mentee.id]
				],
				allowed: ['mentee']
			}
		]
	},
	files: {
		row: (c) => ['id = $1', [c.file]],
		update: {},
		delete: ['mentor'],
		insert: [
			{
				name: 'a file on a message of one’s own',
				sql: (c, me) => {
					const id = randomUUID();
					const message = me === c.people.mentee.id ? c.menteeMessage : c.message;
					return [
						"insert into public.files (id, pair_id, message_id, uploaded_by, name, content_type, size, storage_key) values ($1, $2, $3, $4, 'a.pdf', 'application/pdf', 10, $5)",
						[id, c.pair, message, me, `pair/${c.pair}/${id}`]
					];
				},
				allowed: ['mentor', 'mentee']
			},
			{
				name: "a file on the mentor's message",
				sql: (c, me) => {
					const id = randomUUID();
					return [
						"insert into public.files (id, pair_id, message_id, uploaded_by, name, content_type, size, storage_key) values ($1, $2, $3, $4, 'a.pdf', 'application/pdf', 10, $5)",
						[id, c.pair, c.message, me, `pair/${c.pair}/${id}`]
					];
				},
				allowed: ['mentor']
			}
		]
	},
	mentor_groups: {
		row: (c) => ['id = $1', [c.mentorGroup.group]],
		update: { coordinator: ['name', 'updated_at'] },
		delete: ['coordinator'],
		insert: [
			{
				name: 'a group led by a mentor of the programme',
				sql: (c) => [
					"insert into public.mentor_groups (program_id, name, mentor_id) values ($1, 'G', $2)",
					[c.program, c.people.mentor2.id]
				],
				allowed: ['coordinator']
			},
			{
				name: 'a group led by a mentee',
				sql: (c) => [
					"insert into public.mentor_groups (program_id, name, mentor_id) values ($1, 'G', $2)",
					[c.program, c.people.mentee2.id]
				],
				allowed: []
			}
		]
	},
	mentor_group_members: {
		row: (c) => ['group_id = $1 and user_id = $2', [c.mentorGroup.group, c.people.mentee.id]],
		update: {},
		delete: ['coordinator'],
		insert: [
			{
				name: 'a beginning teacher (mentee) of the programme',
				sql: (c) => [
					'insert into public.mentor_group_members (group_id, user_id) values ($1, $2)',
					[c.mentorGroup.group, c.people.mentee2.id]
				],
				allowed: ['coordinator']
			},
			{
				name: 'a mentor of the programme as a teacher',
				sql: (c) => [
					'insert into public.mentor_group_members (group_id, user_id) values ($1, $2)',
					[c.mentorGroup.group, c.people.mentor2.id]
				],
				allowed: []
			}
		]
	},
	mentor_group_sheets: {
		row: (c) => ['id = $1', [c.mentorGroup.sheets['01-agreement'].id]],
		update: {},
		delete: [],
		insert: [
			{
				name: 'a group sheet named after its group',
				prep: (c) => [
					"delete from public.mentor_group_sheets where group_id = $1 and template_key = 'lesson-preparation'",
					[c.mentorGroup.group]
				],
				sql: (c) => {
					const id = randomUUID();
					return [
						"insert into public.mentor_group_sheets (id, group_id, template_key, template_version, doc_name) values ($1, $2, 'lesson-preparation', 1, $3)",
						[id, c.mentorGroup.group, `mgroup/${c.mentorGroup.group}/sheet/${id}`]
					];
				},
				allowed: ['coordinator']
			}
		]
	}
};

let db: Database;
let ctx: Ctx;
let columns: Record<string, string[]>;

const allIds = (c: Ctx) => Object.values(c.people).map((p) => p.id);
const claimsOf = (role: Role): JwtClaims | null =>
	role === 'anonymous' ? null : ctx.people[role].claims;
const idOf = (role: Role): string => (role === 'anonymous' ? randomUUID() : ctx.people[role].id);

class Rollback extends Error {
	constructor(readonly outcome: 'ok' | 'refused') {
		super('rolled back on purpose');
	}
}

const REFUSAL =
	/permission denied|row-level security|can only be updated to DEFAULT|needs a programme you are a member of/;

/**
 * Runs one statement as the person and rolls everything back. 'ok' when an insert went through
 * or an update/delete touched exactly one row; 'refused' when the database said no or touched
 * nothing. Any other error fails the test: the matrix must not pass by accident.
 */
async function attempt(
	role: Role,
	[sql, params]: [string, SqlValue[]],
	options: { prep?: [string, SqlValue[]]; counts: boolean }
): Promise<'ok' | 'refused'> {
	try {
		await db.asOwner(async (tx) => {
			if (options.prep) await tx.query(options.prep[0], options.prep[1]);
			await becomeUser(tx, claimsOf(role));
			let outcome: 'ok' | 'refused';
			try {
				const rows = await tx.query(sql, params);
				if (options.counts && rows.length > 1)
					throw new Error(`${sql} touched ${rows.length} rows`);
				outcome = !options.counts || rows.length === 1 ? 'ok' : 'refused';
			} catch (error) {
				if (!REFUSAL.test((error as Error).message)) throw error;
				outcome = 'refused';
			}
			throw new Rollback(outcome);
		});
	} catch (error) {
		if (error instanceof Rollback) return error.outcome;
		throw error;
	}
	throw new Error('unreachable');
}

beforeAll(async () => {
	db = await createTestDatabase();
	const staffed = await buildStaffedProgram(db);
	const organiser = await buildUser(db);
	const stranger = await buildUser(db);
	const mentor2 = await buildUser(db);
	const mentee2 = await buildUser(db);
	await buildMembership(db, staffed.program.id, mentor2, 'mentor');
	await buildMembership(db, staffed.program.id, mentee2, 'mentee');
	await db.asService(async (tx) => {
		await tx.query(
			"insert into public.organisation_members (organisation_id, user_id, role) values ($1, $2, 'owner'), ($1, $3, 'coordinator')",
			[staffed.program.organisationId, staffed.people.coordinator.id, organiser.id]
		);
		await tx.query(
			"insert into public.audit_events (program_id, action, entity_type) values ($1, 'test', 'program')",
			[staffed.program.id]
		);
		await tx.query(
			"insert into public.mail_outbox (to_email, subject, body_text, kind) values ('a@example.org', 's', 'b', 'test')"
		);
		await tx.query("insert into public.yjs_updates (doc_name, update) values ('x', '\\x00')");
		await tx.query("insert into public.jobs (kind) values ('test')");
		await tx.query(
			"insert into public.notifications (user_id, kind, category, link) values ($1, 'pair_status', 'pair', '/')",
			[staffed.people.mentee.id]
		);
		await tx.query('insert into public.notification_preferences (user_id) values ($1)', [
			staffed.people.mentee.id
		]);
		await tx.query(
			"insert into public.yjs_snapshots (doc_name, state, upto_id) values ('x', '\\x00', 1)"
		);
		await tx.query('insert into public.data_exports (user_id) values ($1)', [
			staffed.people.mentee.id
		]);
		await tx.query(
			"insert into public.erasure_requests (user_id, program_id, reason) values ($1, $2, 'weg')",
			[staffed.people.mentee.id, staffed.program.id]
		);
		await tx.query('insert into public.retention_runs (program_id, warned_at) values ($1, now())', [
			staffed.program.id
		]);
		await tx.query(
			"insert into public.program_instruments (program_id, template_key, enabled, position) values ($1, 'S1', true, 0)",
			[staffed.program.id]
		);
	});
	// A second organisation with its own programme: nobody here may write there.
	await buildPairWithContent(db, await buildStaffedProgram(db, (await buildOrganisation(db)).id));
	const invitation = await buildInvitation(db, staffed.program.id);
	const pair = await buildPairWithContent(db, staffed);
	const ids = await db.asService((tx) =>
		tx.query<{ sheet: string; lessonSheet: string; meeting: string; exit: string }>(
			`select (select id from public.sheets where pair_id = $1 and template_key = '01-agreement') as sheet,
				(select id from public.sheets where pair_id = $1 and template_key = 'lesson-observation') as "lessonSheet",
				(select id from public.meetings where pair_id = $1 and number = 1) as meeting,
				(select id from public.exit_requests where pair_id = $1) as exit`,
			[pair]
		)
	);
	const conversation = await db.asService(async (tx) => {
		const [message] = await tx.query<{ id: string }>(
			"insert into public.messages (pair_id, author_id, body) values ($1, $2, 'Hello') returning id",
			[pair, staffed.people.mentor.id]
		);
		const file = randomUUID();
		await tx.query(
			"insert into public.files (id, pair_id, message_id, uploaded_by, name, content_type, size, storage_key) values ($1, $2, $3, $4, 'plan.pdf', 'application/pdf', 10, $5)",
			[file, pair, message.id, staffed.people.mentor.id, `pair/${pair}/${file}`]
		);
		await tx.query(
			'insert into public.message_reads (pair_id, user_id, read_at) values ($1, $2, now())',
			[pair, staffed.people.mentor.id]
		);
		await tx.query(
			"insert into public.phase_proposals (pair_id, from_phase, to_phase, proposed_by, proposer_role) values ($1, 'BR', 'SD', $2, 'mentor')",
			[pair, staffed.people.mentor.id]
		);
		const [menteeMessage] = await tx.query<{ id: string }>(
			"insert into public.messages (pair_id, author_id, body) values ($1, $2, 'Hi') returning id",
			[pair, staffed.people.mentee.id]
		);
		const [certificate] = await tx.query<{ id: string }>(
			`insert into public.certificates (code, program_id, pair_id, person_id, role, person_name,
				program_name, organisation_name, period_start, period_end, sessions_held, coordinator_name)
			 values ($1, $2, $3, $4, 'mentee', 'M', 'P', 'O', '2026-01-01', '2026-06-30', 3, 'C') returning id`,
			['c'.repeat(43), staffed.program.id, pair, staffed.people.mentee.id]
		);
		await tx.query(
			"insert into public.portfolio_items (owner_id, kind, sheet_id) values ($1, 'goals', $2)",
			[staffed.people.mentee.id, ids[0].sheet]
		);
		return {
			message: message.id,
			menteeMessage: menteeMessage.id,
			file,
			certificate: certificate.id
		};
	});
	const lesson = await db.asService(async (tx) => {
		const [row] = await tx.query<{ id: string }>(
			`insert into public.sheet_lessons (id, sheet_id, pair_id, number, doc_name, created_by)
			 select g.id, $1, $2::uuid, 2, 'pair/' || $2::text || '/sheet/' || g.id::text, $3
			 from (select gen_random_uuid() as id) g returning id`,
			[ids[0].lessonSheet, pair, staffed.people.mentor.id]
		);
		return row.id;
	});
	await db.asService((tx) =>
		tx.query(
			'insert into public.teacher_evaluators (program_id, evaluator_id, teacher_id) values ($1, $2, $3)',
			[staffed.program.id, staffed.people.observer.id, staffed.people.mentee.id]
		)
	);
	const group = await buildGroupWithContent(db, staffed);
	ctx = {
		...conversation,
		org: staffed.program.organisationId,
		program: staffed.program.id,
		pair,
		sheet: ids[0].sheet,
		lessonSheet: ids[0].lessonSheet,
		lesson,
		meeting: ids[0].meeting,
		exitRequest: ids[0].exit,
		invitation: invitation.id,
		group,
		engagement: await buildEngagementRows(db, staffed, group),
		care: await buildCareRows(db, staffed, pair),
		resources: await buildResourceRows(db, staffed),
		mentorGroup: await buildMentorGroup(db, staffed.program.id, staffed.people.mentor.id, [
			staffed.people.mentee.id
		]),
		people: { ...staffed.people, organiser, stranger, mentor2, mentee2 }
	};
	const cols = await db.asOwner((tx) =>
		tx.query<{ table_name: string; column_name: string }>(
			`select table_name::text, column_name::text from information_schema.columns
			 where table_schema = 'public' and is_generated = 'NEVER'
				and not (is_identity = 'YES' and identity_generation = 'ALWAYS')
				and table_name in (select relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
					where n.nspname = 'public' and c.relkind = 'r')
			 order by table_name, ordinal_position`
		)
	);
	columns = {};
	for (const c of cols) (columns[c.table_name] ??= []).push(c.column_name);
});
afterAll(() => db.close());

describe(`write rules for every table and every person (${testEngine()})`, () => {
	it('names every table in public', () => {
		expect(Object.keys(columns).sort()).toEqual(Object.keys(RULES).sort());
	});

	for (const [table, rules] of Object.entries(RULES)) {
		for (const role of ROLES) {
			it(`${table}: what a ${role} may insert, update and delete`, async () => {
				const updated: string[] = [];
				for (const column of columns[table]) {
					const [where, params] = rules.row(ctx);
					const outcome = await attempt(
						role,
						[
							`update public.${table} set "${column}" = "${column}" where ${where} returning 1`,
							params
						],
						{ counts: true }
					);
					if (outcome === 'ok') updated.push(column);
				}
				expect(updated, 'updatable columns').toEqual(
					columns[table].filter((c) => rules.update[role]?.includes(c))
				);
				for (const c of rules.update[role] ?? []) expect(columns[table], c).toContain(c);

				const [where, params] = rules.row(ctx);
				const deleted = await attempt(
					role,
					[`delete from public.${table} where ${where} returning 1`, params],
					{ counts: true }
				);
				expect(deleted, 'delete').toBe(rules.delete.includes(role) ? 'ok' : 'refused');

				for (const insert of rules.insert) {
					const outcome = await attempt(role, insert.sql(ctx, idOf(role)), {
						prep: insert.prep?.(ctx),
						counts: false
					});
					expect(outcome, `insert ${insert.name}`).toBe(
						insert.allowed.includes(role) ? 'ok' : 'refused'
					);
				}

				const truncated = await attempt(role, [`truncate public.${table} cascade`, []], {
					counts: false
				});
				expect(truncated, 'truncate').toBe('refused');
			});
		}
	}
});

describe(`write rules that depend on the values written (${testEngine()})`, () => {
	const as = (role: Role, sql: string, params: SqlValue[] = []) =>
		attempt(role, [sql, params], { counts: /returning/.test(sql) });

	it('only the programme’s coordinator decides an erasure request, as themself', async () => {
		const decide = (role: Role, status: string, by: string) =>
			as(
				role,
				`update public.erasure_requests set status = '${status}', decided_by = ${by}, decided_at = now()
				 where user_id = $1 returning 1`,
				[ctx.people.mentee.id]
			);
		expect(await decide('coordinator', 'confirmed', 'auth.uid()')).toBe('ok');
		expect(await decide('coordinator', 'refused', 'auth.uid()')).toBe('ok');
		expect(await decide('coordinator', 'done', 'auth.uid()')).toBe('refused');
		expect(await decide('coordinator', 'confirmed', `'${ctx.people.supporter.id}'`)).toBe(
			'refused'
		);
		for (const role of ['supporter', 'mentor', 'mentee', 'observer', 'stranger'] as const)
			expect(await decide(role, 'confirmed', 'auth.uid()'), role).toBe('refused');
	});

	it('a coordinator cannot make themselves the mentor of a pair, nor change their own role', async () => {
		expect(
			await as(
				'coordinator',
				'update public.pairs set mentor_id = auth.uid() where id = $1 returning 1',
				[ctx.pair]
			)
		).toBe('refused');
		expect(
			await as(
				'coordinator',
				"update public.memberships set role = 'mentor' where user_id = auth.uid() returning 1"
			)
		).toBe('refused');
		expect(
			await as(
				'coordinator',
				"update public.memberships set role = 'observer' where program_id = $1 and user_id = $2 returning 1",
				[ctx.program, ctx.people.observer.id]
			)
		).toBe('ok');
	});

	it("a pair's supporter is one of the programme's supporters", async () => {
		const set = (user: string) =>
			as('coordinator', 'update public.pairs set supporter_id = $2 where id = $1 returning 1', [
				ctx.pair,
				user
			]);
		expect(await set(ctx.people.mentee2.id)).toBe('refused');
		expect(await set(ctx.people.stranger.id)).toBe('refused');
		expect(await set(ctx.people.supporter.id)).toBe('ok');
	});

	it('an exit request keeps its reason and requester; the decision is recorded as oneself', async () => {
		const update = (assignment: string, params: SqlValue[] = []) =>
			as('coordinator', `update public.exit_requests set ${assignment} where id = $1 returning 1`, [
				ctx.exitRequest,
				...params
			]);
		expect(await update("reason = 'rewritten'")).toBe('refused');
		expect(await update('requested_by = $2', [ctx.people.mentor.id])).toBe('refused');
		expect(await update('handled_by = $2', [ctx.people.organiser.id])).toBe('refused');
		expect(
			await update(
				"status = 'handled', outcome = 'kept', handled_at = now(), handled_by = auth.uid()"
			)
		).toBe('ok');
	});

	it('audit rows need a programme the person is in', async () => {
		for (const role of ROLES) {
			expect(
				await as(role, "select public.record_audit_event('probe', 'program', null, null)"),
				role
			).toBe('refused');
		}
		const other = await db.asService((tx) =>
			tx.query<{ id: string }>('select id from public.programs where id <> $1 limit 1', [
				ctx.program
			])
		);
		expect(
			await as('mentor', "select public.record_audit_event('probe', 'program', null, $1)", [
				other[0].id
			])
		).toBe('refused');
		expect(
			await as('mentor', "select public.record_audit_event('probe', 'program', null, $1)", [
				ctx.program
			])
		).toBe('ok');
	});

	it('helpers that name rows of other programmes are out of the API’s reach', async () => {
		const helpers = await db.asOwner((tx) =>
			tx.query<{ name: string }>(
				`select p.proname::text as name from pg_proc p join pg_namespace n on n.oid = p.pronamespace
				 where n.nspname = 'public' and p.proname in
					('pair_program', 'program_organisation', 'program_creator', 'sheet_pair', 'sheet_template', 'member_role')`
			)
		);
		expect(helpers).toEqual([]);
		expect(await as('anonymous', 'select private.pair_program($1)', [ctx.pair])).toBe('refused');
	});

	it("a logbook part 2 names a meeting of the author's own pair", async () => {
		const other = await db.asService((tx) =>
			tx.query<{ id: string }>('select id from public.meetings where pair_id <> $1 limit 1', [
				ctx.pair
			])
		);
		expect(
			await as(
				'mentor',
				"insert into public.log_submissions (pair_id, author_id, author_role, meeting_id, met_on) values ($1, auth.uid(), 'mentor', $2, '2026-10-01')",
				[ctx.pair, other[0].id]
			)
		).toBe('refused');
	});

	it('a paused or ended pair no longer plans meetings or writes logbooks', async () => {
		for (const status of ['paused', 'ended', 'proposed']) {
			const outcome = await attempt(
				'mentee',
				[
					'update public.meetings set place = $2 where id = $1 returning 1',
					[ctx.meeting, 'Elders']
				],
				{
					prep: ['update public.pairs set status = $2 where id = $1', [ctx.pair, status]],
					counts: true
				}
			);
			expect(outcome, status).toBe('refused');
		}
	});

	it("a programme's creator adds themselves as its first coordinator, once", async () => {
		const programId = randomUUID();
		const me = ctx.people.coordinator;
		await db.asUser(me.claims, (tx) =>
			tx.query(
				"insert into public.programs (id, organisation_id, kind, name, starts_on, ends_on, created_by) values ($1, $2, 'youth', 'Mine', '2027-01-01', '2027-12-31', $3)",
				[programId, ctx.org, me.id]
			)
		);
		const join = () =>
			db.asUser(me.claims, (tx) =>
				tx.query(
					"insert into public.memberships (program_id, user_id, role) values ($1, $2, 'coordinator')",
					[programId, me.id]
				)
			);
		await expect(join()).resolves.toBeDefined();
		await db.asService((tx) =>
			tx.query('delete from public.memberships where program_id = $1', [programId])
		);
		await db.asService((tx) =>
			tx.query(
				"insert into public.memberships (program_id, user_id, role) values ($1, $2, 'mentee')",
				[programId, ctx.people.mentee.id]
			)
		);
		await expect(join()).rejects.toThrow(/row-level security/);
	});
});
