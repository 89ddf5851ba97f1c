/**
 * Hostile input, end to end on the production build: a NUL character in every text field of
 * every form action, dates that `Date.parse` accepts but the calendar does not, a meeting number
 * that does not exist, ids that are not UUIDs, and bodies that are not forms. Each is answered
 * with a 4xx (or a redirect to a safe page), never a 500, and the database afterwards holds
 * exactly what it held before: the server is stopped before and after, and every table of the
 * data directory is compared row by row.
 *
 * Node-side only (no browser): requests go straight to the server with the session cookies.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { expect, test } from './fixtures';
import { pageData, signInOverHttp } from './http';
import { DEMO_PASSWORD } from './helpers';
import { freePort, ServerProcess, copyDemoData } from './server-process';

const PROGRAMME = 'VM-PRO jongerenmentoring';
const NUL = '\u0000';
const IMPOSSIBLE_DATES = ['2026-02-30', '2026-04-31', '0000-01-01'];
const FORM = 'application/x-www-form-urlencoded';

type Who = 'anonymous' | 'coordinator' | 'mentor';

interface Hostile {
	/** What the request is, for the failure message. */
	name: string;
	who: Who;
	method?: 'GET' | 'POST';
	path: string;
	/** Form fields (sent urlencoded), or a raw body with its content type. */
	form?: Record<string, string>;
	body?: { type: string; text: string };
	/** Expected status; any 4xx when absent. */
	status?: number;
	/** For a redirect: where it must go. */
	location?: string;
}

/** Columns every authenticated request writes: a session's last use. */
const VOLATILE: Record<string, string[]> = { 'auth.local_sessions': ['last_seen_at'] };

/** Every table of the data directory as a row count and a hash of its rows. */
async function fingerprint(dataDir: string): Promise<Record<string, string>> {
	const pg = await PGlite.create({ dataDir });
	try {
		const tables = await pg.query<{ name: string }>(
			`select format('%I.%I', schemaname, tablename) as name from pg_tables
			 where schemaname in ('public', 'auth', 'supabase_migrations') order by 1`
		);
		const out: Record<string, string> = {};
		for (const { name } of tables.rows) {
			const rows = await pg.query<{ n: number; h: string }>(
				`select count(*)::int as n, md5(coalesce(string_agg(r, E'\\n' order by r), '')) as h
				 from (select (to_jsonb(t) - $1::text[])::text as r from ${name} t) x`,
				[VOLATILE[name] ?? []]
			);
			out[name] = `${rows.rows[0].n} ${rows.rows[0].h}`;
		}
		return out;
	} finally {
		await pg.close();
	}
}

async function send(server: ServerProcess, cookies: Record<Who, string>, request: Hostile) {
	const headers: Record<string, string> = { origin: server.origin, accept: 'text/html' };
	if (cookies[request.who]) headers.cookie = cookies[request.who];
	let body: string | undefined;
	if (request.form) {
		headers['content-type'] = FORM;
		body = new URLSearchParams(request.form).toString();
	} else if (request.body) {
		headers['content-type'] = request.body.type;
		body = request.body.text;
	}
	const response = await fetch(`${server.origin}${request.path}`, {
		method: request.method ?? 'POST',
		redirect: 'manual',
		headers,
		body
	});
	const text = await response.text();
	return { status: response.status, location: response.headers.get('location'), text };
}

test('hostile input gets a 4xx and leaves the database as it was', async () => {
	test.setTimeout(240_000);
	const dataDir = mkdtempSync(join(tmpdir(), 'mentorpad-hostile-'));
	copyDemoData(dataDir);
	const server = new ServerProcess({ port: await freePort(), dataDir });
	try {
		// 1. The demo data, signed-in people and the ids the requests need.
		await server.start();
		const cookies: Record<Who, string> = {
			anonymous: '',
			coordinator: await signInOverHttp(server, 'coordinator@example.org'),
			mentor: await signInOverHttp(server, 'mentor1@example.org')
		};
		const programs = (await pageData(server, cookies.coordinator, '/programs'))?.programs as {
			id: string;
			name: string;
		}[];
		const programId = programs.find((p) => p.name === PROGRAMME)!.id;
		const organisations = (await pageData(server, cookies.coordinator, '/programs/new'))
			?.organisations as { id: string }[];
		const pairs = (await pageData(server, cookies.mentor, '/pairs'))?.pairs as {
			id: string;
			programName: string;
		}[];
		const pairId = pairs.find((p) => p.programName === PROGRAMME)!.id;
		const people = (
			(await pageData(server, cookies.coordinator, `/programs/${programId}/people`))?.list as {
				people: { membershipId: string | null; role: string }[];
			}
		).people;
		const mentee = people.find((p) => p.role === 'mentee' && p.membershipId)!.membershipId!;
		const candidates = (
			await pageData(server, cookies.mentor, `/programs/${programId}/matching-day`)
		)?.candidates as { id: string }[];
		expect(candidates.length).toBeGreaterThan(0);
		const invited = await fetch(`${server.origin}/programs/${programId}/people?/invite`, {
			method: 'POST',
			headers: {
				origin: server.origin,
				cookie: cookies.coordinator,
				accept: 'application/json',
				'x-sveltekit-action': 'true',
				'content-type': FORM
			},
			body: new URLSearchParams({ email: 'invitee@example.org', role: 'mentee' }).toString()
		});
		const token = /\/invite\/([A-Za-z0-9_-]{20,})/.exec(await invited.text())?.[1];
		expect(token, 'invitation link').toBeTruthy();
		await server.stop();
		const before = await fingerprint(dataDir);

		// 2. The hostile requests.
		const program = {
			name: 'Hostile',
			description: '',
			kind: 'youth',
			startsOn: '2026-09-01',
			endsOn: '2027-06-30'
		};
		const meeting = {
			plannedOn: '2026-10-01',
			time: '10:00',
			durationMinutes: '60',
			place: 'Room 1',
			mode: 'face_to_face'
		};
		const logbook = { metOn: '2026-10-01', difficulties: 'd', strengthening: 's', other: 'o' };
		const programPaths = [
			['/programs/new', 'coordinator', { ...program, organisationId: organisations[0].id }],
			[`/programs/${programId}/edit`, 'coordinator', program]
		] as const;
		const requests: Hostile[] = [
			// Sign-in and passwords.
			{
				name: 'login email',
				who: 'anonymous',
				path: '/login',
				form: { email: `coordinator@example.org${NUL}`, password: DEMO_PASSWORD }
			},
			{
				name: 'login password',
				who: 'anonymous',
				path: '/login',
				form: { email: 'coordinator@example.org', password: `${DEMO_PASSWORD}${NUL}` }
			},
			{ name: 'reset', who: 'anonymous', path: '/reset', form: { email: `a${NUL}@example.org` } },
			{
				name: 'new password',
				who: 'anonymous',
				path: '/reset/not-a-token',
				form: { password: `long-enough${NUL}`, confirm: `long-enough${NUL}` }
			},
			{
				name: 'reset token',
				who: 'anonymous',
				path: `/reset/${encodeURIComponent(NUL)}`,
				form: { password: 'long-enough-1', confirm: 'long-enough-1' }
			},
			{
				name: 'accept invitation',
				who: 'anonymous',
				path: `/invite/${token}?/create`,
				form: { displayName: `N${NUL}`, password: 'long-enough-1', confirm: 'long-enough-1' }
			},
			// Programmes: text, impossible dates, dates out of range, ids that are not UUIDs.
			...programPaths.flatMap(([path, who, fields]): Hostile[] => [
				{ name: `${path} name`, who, path, form: { ...fields, name: `P${NUL}` } },
				{ name: `${path} description`, who, path, form: { ...fields, description: NUL } },
				...IMPOSSIBLE_DATES.map((date) => ({
					name: `${path} ${date}`,
					who,
					path,
					form: { ...fields, startsOn: date }
				})),
				{ name: `${path} 1900`, who, path, form: { ...fields, startsOn: '1900-01-01' } },
				{ name: `${path} 11 years`, who, path, form: { ...fields, endsOn: '2037-09-02' } }
			]),
			{
				name: 'new programme in no organisation',
				who: 'coordinator',
				path: '/programs/new',
				form: { ...program, organisationId: `x${NUL}` }
			},
			{
				name: 'programme id',
				who: 'coordinator',
				method: 'GET',
				path: `/programs/${'-'.repeat(36)}`,
				status: 404
			},
			// People.
			{
				name: 'invite',
				who: 'coordinator',
				path: `/programs/${programId}/people?/invite`,
				form: { email: `x${NUL}@example.org`, role: 'mentee' }
			},
			...['role', 'remove', 'renew', 'revoke'].map((action): Hostile => ({
				name: `people ${action}`,
				who: 'coordinator',
				path: `/programs/${programId}/people?/${action}`,
				form: { id: `${mentee}${NUL}`, role: 'mentor' }
			})),
			{
				name: 'supporters',
				who: 'coordinator',
				path: `/programs/${programId}/supporters`,
				form: { mentorId: NUL, supporterId: '' }
			},
			{
				name: 'inbox',
				who: 'coordinator',
				path: `/programs/${programId}/inbox?/handle`,
				form: { id: NUL, outcome: 'ended' }
			},
			{
				name: 'matching lock',
				who: 'coordinator',
				path: `/programs/${programId}/matching?/lock`,
				form: { menteeId: NUL, mentorId: NUL }
			},
			{
				name: 'co-signing a pair that is no UUID',
				who: 'coordinator',
				path: `/programs/${programId}/pairs/${encodeURIComponent(`x${NUL}`)}/confidentiality`,
				form: {},
				status: 404
			},
			{
				name: 'self-evaluation',
				who: 'coordinator',
				path: `/programs/${programId}/self-evaluation`,
				form: { answers: JSON.stringify({ 'goals-evidence': `x${NUL}` }) }
			},
			// Intake and matching day.
			{
				name: 'intake',
				who: 'mentor',
				path: `/programs/${programId}/intake/match-mentor`,
				form: { answers: JSON.stringify({ 'mentor-name': `x${NUL}` }) }
			},
			{
				name: 'matching day',
				who: 'mentor',
				path: `/programs/${programId}/matching-day`,
				form: { [`place-${candidates[0].id}`]: `x${NUL}` }
			},
			// The pair: meetings, logbook, exit, sheets.
			...['place', 'callLink'].map((field): Hostile => ({
				name: `meeting ${field}`,
				who: 'mentor',
				path: `/pairs/${pairId}/meetings/1`,
				form: { ...meeting, [field]: `https://x${NUL}` }
			})),
			...IMPOSSIBLE_DATES.map((date): Hostile => ({
				name: `meeting ${date}`,
				who: 'mentor',
				path: `/pairs/${pairId}/meetings/1`,
				form: { ...meeting, plannedOn: date }
			})),
			{
				name: 'meeting 99 (a pair has 10)',
				who: 'mentor',
				path: `/pairs/${pairId}/meetings/99`,
				form: meeting,
				status: 404
			},
			{
				name: 'meeting 99 page',
				who: 'mentor',
				method: 'GET',
				path: `/pairs/${pairId}/meetings/99`,
				status: 404
			},
			{
				name: 'meeting number beyond integers',
				who: 'mentor',
				method: 'GET',
				path: `/pairs/${pairId}/meetings/99999999999/invite.ics`,
				status: 404
			},
			...['difficulties', 'strengthening', 'other'].map((field): Hostile => ({
				name: `logbook ${field}`,
				who: 'mentor',
				path: `/pairs/${pairId}/logbook?/submit`,
				form: { ...logbook, [field]: `x${NUL}` }
			})),
			...IMPOSSIBLE_DATES.map((date): Hostile => ({
				name: `logbook ${date}`,
				who: 'mentor',
				path: `/pairs/${pairId}/logbook?/submit`,
				form: { ...logbook, metOn: date }
			})),
			{
				name: 'exit',
				who: 'mentor',
				path: `/pairs/${pairId}/exit`,
				form: { reason: `x${NUL}`, consent: 'on' }
			},
			{
				name: 'copy to plan',
				who: 'mentor',
				path: `/pairs/${pairId}/sheets/03-mutual-presentation?/copyToPlan`,
				form: { fieldKey: NUL }
			},
			// Bodies that are not forms, to actions and to the two form endpoints.
			...[
				['/logout', 'coordinator'],
				['/locale', 'anonymous'],
				[`/pairs/${pairId}/exit`, 'mentor'],
				['/login', 'anonymous']
			].flatMap(([path, who]): Hostile[] => [
				{
					name: `${path} JSON`,
					who: who as Who,
					path,
					body: { type: 'application/json', text: '{"everywhere":"true","locale":"en"}' },
					status: 415
				},
				{
					name: `${path} text`,
					who: who as Who,
					path,
					body: { type: 'text/plain', text: 'everywhere=true' },
					status: 415
				},
				{
					name: `${path} broken multipart`,
					who: who as Who,
					path,
					body: { type: 'multipart/form-data; boundary=x', text: '--x\r\nnonsense' },
					status: 400
				}
			]),
			// Redirect targets: never a 500, never off the site.
			{
				name: 'locale back',
				who: 'anonymous',
				path: '/locale',
				form: { locale: 'en', back: `/${NUL}` },
				status: 303,
				location: '/'
			},
			{
				name: 'locale back to another site',
				who: 'anonymous',
				path: '/locale',
				form: { locale: 'en', back: '/\\evil.example' },
				status: 303,
				location: '/'
			},
			{
				name: 'login next',
				who: 'coordinator',
				method: 'GET',
				path: `/login?next=${encodeURIComponent(`/${NUL}`)}`,
				status: 303,
				location: '/'
			}
		];

		await server.start();
		const problems: string[] = [];
		for (const request of requests) {
			const { status, location, text } = await send(server, cookies, request);
			const ok = request.status
				? status === request.status
				: status >= 400 && status < 500 && status !== 404;
			if (!ok || (request.location && location !== request.location)) {
				const title = /<title>([^<]*)<\/title>/.exec(text)?.[1] ?? text.slice(0, 80);
				problems.push(`${request.name}: ${status} ${location ?? ''} ${title}`);
			}
		}
		// Still signed in: no hostile /logout body signed anyone out.
		expect(await pageData(server, cookies.coordinator, '/programs')).not.toBeNull();
		await server.stop();
		expect(problems).toEqual([]);

		// 3. Nothing was written.
		expect(await fingerprint(dataDir)).toEqual(before);
	} finally {
		await server.kill().catch(() => {});
		rmSync(dataDir, { recursive: true, force: true });
	}
});
