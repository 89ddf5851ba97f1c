import type { Tx } from '$lib/server/db/types';

/**
 * Demo check-ins in the youth programme (the seed's "VM-PRO jongerenmentoring"), in the seed's
 * service-role transaction: an open check-in for both people of the programme's first demo pair
 * (so a demo mentee can answer one), and answered check-ins from the people of the monitoring
 * demo's pairs, so the check-in charts show means above the minimum group size. Call it after
 * `seedMonitoringDemo`.
 */
export async function seedCareDemo(tx: Tx, programId: string): Promise<void> {
	const [first] = await tx.query<{ id: string }>(
		`select p.id from public.pairs p join public.profiles pr on pr.id = p.mentee_id
		 where p.program_id = $1 and pr.email = 'mentee1@example.org'`,
		[programId]
	);
	if (first) {
		await tx.query(
			`insert into public.checkins (program_id, pair_id, respondent_id, respondent_role, occasion, round, phase)
			 select p.program_id, p.id, person.id, person.role, 'first', 0, p.phase
			 from public.pairs p
			 cross join lateral (values (p.mentor_id, 'mentor'), (p.mentee_id, 'mentee')) as person (id, role)
			 where p.id = $1
			 on conflict do nothing`,
			[first.id]
		);
	}
	// Answers that vary with the pair's place in the list (deterministic, no randomness in demo data).
	await tx.query(
		`insert into public.checkins (program_id, pair_id, respondent_id, respondent_role, occasion, round,
			phase, sent_at, answered_at, satisfaction, progress)
		 select p.program_id, p.id, person.id, person.role, 'first', 0, p.phase,
			now() - make_interval(days => 20 + (n.i % 15)), now() - make_interval(days => 18 + (n.i % 15)),
			3 + (n.i + person.k) % 3, 2 + (n.i * 2 + person.k) % 4
		 from (
			select p.*, row_number() over (order by p.pseudonym)::integer as i
			from public.pairs p
			join public.profiles pr on pr.id = p.mentor_id
			where p.program_id = $1 and pr.email like 'demo-mentor-%'
		 ) as n
		 join public.pairs p on p.id = n.id
		 cross join lateral (values (p.mentor_id, 'mentor', 0), (p.mentee_id, 'mentee', 1)) as person (id, role, k)
		 on conflict do nothing`,
		[programId]
	);
}
