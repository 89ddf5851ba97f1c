import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractText, getDocumentProxy } from 'unpdf';
import {
	certificatePreview,
	getCertificate,
	issueCertificate,
	pairCertificates,
	revokeCertificate,
	verifyCertificate,
	verifyUrl,
	type Certificate
} from '$lib/server/certificates/certificates';
import { renderCertificatePdf } from '$lib/server/certificates/pdf';
import { loadPortfolio, renderPortfolio, savePortfolio } from '$lib/server/certificates/portfolio';
import { findSheet } from '$lib/server/pairs/sheet-actions';
import type { Database } from '$lib/server/db/types';
import { DomainError } from '$lib/server/errors';
import { buildPairWithContent, buildStaffedProgram, buildUser } from '../factories';
import { startCollabHarness, type Harness } from '../helpers/collab-harness';
import { createTestDatabase, testEngine } from '../helpers/db';

let db: Database;
let harness: Harness;
let staffed: Awaited<ReturnType<typeof buildStaffedProgram>>;
let other: Awaited<ReturnType<typeof buildStaffedProgram>>;
let pairId: string;

async function textOf(pdf: Uint8Array): Promise<string> {
	expect(Buffer.from(pdf.slice(0, 5)).toString()).toBe('%PDF-');
	const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), {
		mergePages: true
	});
	return text.replace(/\s+/g, ' ');
}

const endPair = (id: string) =>
	db.asService((tx) =>
		tx.query("update public.pairs set status = 'ended', ended_at = now() where id = $1", [id])
	);

beforeAll(async () => {
	db = await createTestDatabase();
	harness = await startCollabHarness();
	staffed = await buildStaffedProgram(db);
	other = await buildStaffedProgram(db);
	pairId = await buildPairWithContent(db, staffed);
	await db.asService((tx) =>
		tx.query(`update public.meetings set held_at = now() where pair_id = $1 and number <= 3`, [
			pairId
		])
	);
});
afterAll(async () => {
	await harness.teardown();
	await db.close();
});

describe(`certificates (${testEngine()})`, () => {
	let certificate: Certificate;

	it('is refused while the pair runs, and to anyone but its coordinator', async () => {
		const coordinator = staffed.people.coordinator.claims;
		await expect(issueCertificate(db, coordinator, pairId, 'mentee')).rejects.toMatchObject({
			key: 'cert_not_ended'
		});
		await endPair(pairId);
		for (const person of [
			staffed.people.mentor,
			staffed.people.mentee,
			staffed.people.supporter,
			staffed.people.observer,
			other.people.coordinator
		])
			await expect(issueCertificate(db, person.claims, pairId, 'mentee')).rejects.toBeInstanceOf(
				DomainError
			);
		expect(await pairCertificates(db, coordinator, pairId)).toEqual([]);
	});

	it('holds the facts the database computed, once per person', async () => {
		const coordinator = staffed.people.coordinator.claims;
		const preview = await certificatePreview(db, coordinator, staffed.program.id, pairId);
		const id = await issueCertificate(db, coordinator, pairId, 'mentee');
		certificate = (await getCertificate(db, coordinator, id))!;
		expect(certificate).toMatchObject({
			personId: staffed.people.mentee.id,
			role: 'mentee',
			sessionsHeld: 3,
			programName: preview!.facts.programName,
			coordinatorName: preview!.facts.coordinatorName,
			personName: preview!.mentee.name,
			revokedAt: null
		});
		expect(certificate.code).toMatch(/^[A-Za-z0-9_-]{43}$/);
		await expect(issueCertificate(db, coordinator, pairId, 'mentee')).rejects.toMatchObject({
			key: 'cert_exists'
		});
		// The person reads it; the mentor, the supporter and another programme's coordinator do not.
		expect(await getCertificate(db, staffed.people.mentee.claims, id)).not.toBeNull();
		for (const person of [
			staffed.people.mentor,
			staffed.people.supporter,
			other.people.coordinator
		])
			expect(await getCertificate(db, person.claims, id)).toBeNull();
	});

	it('prints the facts in Dutch and in English', async () => {
		const url = verifyUrl('https://mentorpad.example', certificate.code);
		const nl = await textOf(await renderCertificatePdf(certificate, 'nl', url));
		for (const fact of [
			'Certificaat van voltooiing',
			certificate.personName,
			certificate.programName,
			certificate.organisationName,
			certificate.coordinatorName,
			'Gehouden bijeenkomsten: 3',
			certificate.code,
			url
		])
			expect(nl).toContain(fact);
		const en = await textOf(await renderCertificatePdf(certificate, 'en', url));
		expect(en).toContain('Certificate of completion');
		expect(en).toContain('Meetings held: 3');
		expect(en).toContain(`Coordinator: ${certificate.coordinatorName}`);
	});

	it('verifies by the exact code only, and says when it was revoked', async () => {
		expect(await verifyCertificate(db, certificate.code)).toMatchObject({
			personName: certificate.personName,
			sessionsHeld: 3,
			revokedAt: null
		});
		const wrong = (certificate.code[0] === 'A' ? 'B' : 'A') + certificate.code.slice(1);
		expect(await verifyCertificate(db, wrong)).toBeNull();
		expect(await verifyCertificate(db, certificate.code.slice(0, 20))).toBeNull();
		await expect(
			revokeCertificate(db, staffed.people.mentee.claims, certificate.id)
		).rejects.toMatchObject({ key: 'not_found' });
		await revokeCertificate(db, staffed.people.coordinator.claims, certificate.id);
		const revoked = await verifyCertificate(db, certificate.code);
		expect(revoked?.revokedAt).toBeInstanceOf(Date);
		// A new one may follow a revoked one.
		const again = await issueCertificate(db, staffed.people.coordinator.claims, pairId, 'mentee');
		expect(again).not.toBe(certificate.id);
		certificate = (await getCertificate(db, staffed.people.mentee.claims, again))!;
	});

	it('anon reads no certificate row and cannot issue or revoke', async () => {
		const rows = await db
			.asUser(null, (tx) => tx.query('select * from public.certificates'))
			.catch(() => []);
		expect(rows).toEqual([]);
		await expect(
			db.asUser(null, (tx) =>
				tx.query('select public.issue_certificate($1, $2)', [pairId, 'mentee'])
			)
		).rejects.toThrow();
		await expect(
			db.asUser(null, (tx) => tx.query('select public.revoke_certificate($1)', [certificate.id]))
		).rejects.toThrow();
	});
});

describe(`the portfolio (${testEngine()})`, () => {
	it('holds exactly the chosen sheets, goals and certificate', async () => {
		const mentee = staffed.people.mentee.claims;
		const plan = (await findSheet(db, pairId, '04-development-plan'))!;
		const agreement = (await findSheet(db, pairId, '01-agreement'))!;
		await harness.server.changeDocument(plan.docName, (doc) => {
			const rows = doc.getArray<Y.Map<unknown>>('action-plan');
			const reached = new Y.Map<unknown>();
			const open = new Y.Map<unknown>();
			rows.push([reached, open]);
			for (const [row, goal, result] of [
				[reached, 'Rustiger lesgeven', 'Lukte in de derde graad'],
				[open, 'Meer feedback vragen', '']
			] as const) {
				const g = new Y.Text();
				g.insert(0, goal);
				row.set('goal', g);
				const r = new Y.Text();
				r.insert(0, result);
				row.set('positive-result', r);
			}
		});
		await harness.server.changeDocument(agreement.docName, (doc) =>
			doc.getText('mentee-name').insert(0, 'Samen sterker')
		);
		const options = await loadPortfolio(db, mentee);
		expect(options.pairs).toHaveLength(1);
		// The mentee tells two pairs with the same mentor apart by programme and status.
		expect(options.pairs[0]).toMatchObject({ programName: 'Programme', status: 'ended' });
		expect(options.certificates.map((c) => c.id)).toHaveLength(1);
		await savePortfolio(db, mentee, [
			{ kind: 'sheet', id: agreement.id },
			{ kind: 'goals', id: plan.id },
			{ kind: 'certificate', id: options.certificates[0].id }
		]);
		const text = await textOf(
			await renderPortfolio({
				db,
				collab: harness.server,
				claims: mentee,
				locale: 'nl',
				origin: 'https://mentorpad.example'
			})
		);
		expect(text).toContain('Samen sterker');
		expect(text).toContain('Rustiger lesgeven');
		expect(text).toContain('Lukte in de derde graad');
		expect(text).toContain('Certificaat van voltooiing');
		expect(text).toContain(options.certificates[0].code);
		// Not chosen: the open goal, the whole development plan, the presentation sheet.
		expect(text).not.toContain('Meer feedback vragen');
		expect(text).not.toContain('Professionele doeleinden');
		expect(text).not.toContain('03. Wederzijdse presentatie');
		expect(text.match(/01\. Mentorovereenkomst/g)).toHaveLength(1);
		// A sheet is headed by its title alone, never by its internal key.
		expect(text).not.toContain('01-AGREEMENT');
	});

	it('refuses what is not the mentee’s to choose, and is the owner’s only', async () => {
		const plan = (await findSheet(db, pairId, '04-development-plan'))!;
		const agreement = (await findSheet(db, pairId, '01-agreement'))!;
		await expect(
			savePortfolio(db, staffed.people.mentor.claims, [{ kind: 'sheet', id: plan.id }])
		).rejects.toMatchObject({ key: 'cert_portfolio_invalid' });
		await expect(
			savePortfolio(db, staffed.people.mentee.claims, [{ kind: 'goals', id: agreement.id }])
		).rejects.toMatchObject({ key: 'cert_portfolio_invalid' });
		const stranger = await buildUser(db);
		await expect(
			savePortfolio(db, stranger.claims, [{ kind: 'sheet', id: plan.id }])
		).rejects.toMatchObject({ key: 'cert_portfolio_invalid' });
		// Straight to the table, past the command: row-level security refuses it too.
		await expect(
			db.asUser(staffed.people.mentor.claims, (tx) =>
				tx.query(
					"insert into public.portfolio_items (owner_id, kind, sheet_id) values ($1, 'sheet', $2)",
					[staffed.people.mentor.id, plan.id]
				)
			)
		).rejects.toThrow(/row-level security/);
		for (const person of [
			staffed.people.mentor,
			staffed.people.coordinator,
			staffed.people.supporter,
			stranger
		]) {
			const rows = await db.asUser(person.claims, (tx) =>
				tx.query('select * from public.portfolio_items')
			);
			expect(rows).toEqual([]);
		}
		const own = await db.asUser(staffed.people.mentee.claims, (tx) =>
			tx.query('select * from public.portfolio_items')
		);
		expect(own).toHaveLength(3);
	});
});
