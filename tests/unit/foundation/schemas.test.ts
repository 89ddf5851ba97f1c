import { describe, expect, it } from 'vitest';
import {
	acceptInput,
	fieldErrors,
	inviteInput,
	loginInput,
	PASSWORD_MAX_LENGTH,
	programInput
} from '$lib/domain/programs/schemas';
import { passwordChangeInput, passwordConfirmInput } from '$lib/server/auth/account-input';

const errorsOf = (result: { success: boolean; error?: unknown }) =>
	result.success ? {} : fieldErrors(result.error as Parameters<typeof fieldErrors>[0]);

describe('form schemas give translatable message keys', () => {
	it('programme: missing fields are "required", bad dates "date", reversed dates "order"', () => {
		expect(errorsOf(programInput.safeParse({}))).toMatchObject({
			name: 'required',
			kind: 'required',
			startsOn: 'required',
			endsOn: 'required'
		});
		expect(
			errorsOf(
				programInput.safeParse({
					name: 'x',
					kind: 'youth',
					startsOn: '2026-13-45',
					endsOn: '2026-01-01'
				})
			)
		).toMatchObject({ startsOn: 'date' });
		expect(
			errorsOf(
				programInput.safeParse({
					name: 'x',
					kind: 'youth',
					startsOn: '2026-05-01',
					endsOn: '2026-01-01'
				})
			)
		).toEqual({ endsOn: 'order' });
		expect(
			errorsOf(
				programInput.safeParse({
					name: 'x',
					kind: 'youth',
					startsOn: '2026-01-01',
					endsOn: '2026-02-01',
					maxMenteesPerMentor: '11',
					cadenceDays: 'abc'
				})
			)
		).toEqual({ maxMenteesPerMentor: 'range', cadenceDays: 'whole' });
	});

	it('programme: a name over 200 characters is refused with its own key, never cut', () => {
		const base = { kind: 'youth', startsOn: '2026-01-01', endsOn: '2026-12-31' };
		expect(errorsOf(programInput.safeParse({ ...base, name: 'x'.repeat(10_000) }))).toEqual({
			name: 'name_too_long'
		});
		expect(programInput.parse({ ...base, name: 'x'.repeat(200) }).name).toHaveLength(200);
	});

	it('programme: applies the VM-PRO defaults', () => {
		const parsed = programInput.parse({
			name: ' P ',
			kind: 'youth',
			startsOn: '2026-01-01',
			endsOn: '2026-12-31'
		});
		expect(parsed).toMatchObject({
			name: 'P',
			plannedSessions: 10,
			cadenceDays: 15,
			sessionMinutes: 120,
			maxMenteesPerMentor: 3,
			minGroupSize: 5,
			retentionMonths: 12
		});
	});

	it('invitation: normalises the address and checks the role', () => {
		expect(inviteInput.parse({ email: '  A.B@Example.ORG ', role: 'mentor' })).toEqual({
			email: 'a.b@example.org',
			role: 'mentor'
		});
		expect(errorsOf(inviteInput.safeParse({ email: 'nope', role: 'king' }))).toEqual({
			email: 'email',
			role: 'required'
		});
	});

	it('accepting: name, password length and confirmation', () => {
		expect(errorsOf(acceptInput.safeParse({}))).toMatchObject({
			displayName: 'required',
			password: 'password_short'
		});
		expect(
			errorsOf(
				acceptInput.safeParse({ displayName: 'N', password: 'long-enough-1', confirm: 'other' })
			)
		).toEqual({
			confirm: 'password_mismatch'
		});
	});

	it('one password length for new and typed passwords', () => {
		const long = 'x'.repeat(PASSWORD_MAX_LENGTH + 1);
		const fits = 'x'.repeat(PASSWORD_MAX_LENGTH);
		expect(errorsOf(loginInput.safeParse({ email: 'a@b.c', password: long }))).toEqual({
			password: 'too_long'
		});
		expect(loginInput.safeParse({ email: 'a@b.c', password: fits }).success).toBe(true);
		expect(errorsOf(passwordConfirmInput.safeParse({ password: long }))).toEqual({
			password: 'too_long'
		});
		expect(
			errorsOf(passwordChangeInput.safeParse({ current: long, password: long, confirm: long }))
		).toEqual({ current: 'too_long', password: 'too_long' });
		expect(
			errorsOf(passwordChangeInput.safeParse({ current: 'old', password: fits, confirm: fits }))
		).toEqual({});
	});
});
