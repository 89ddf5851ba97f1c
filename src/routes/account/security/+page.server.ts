import { fail } from '@sveltejs/kit';
import { fieldErrors } from '$lib/domain/programs/schemas';
import { checkPassword, endOtherSessions } from '$lib/server/auth/account-settings';
import { codeInput, passwordConfirmInput, sessionIdInput } from '$lib/server/auth/account-input';
import { mfaRequiredFor, regenerateRecoveryCodes } from '$lib/server/auth/mfa';
import { sendSecurityNotice, type SecurityChange } from '$lib/server/auth/security-mail';
import { listSessions, revokeOtherSessions, revokeSession } from '$lib/server/auth/sessions';
import type { Session } from '$lib/server/auth/types';
import { applyCookies, credentialsOf, readForm, requireSession } from '$lib/server/http';
import type { Runtime } from '$lib/server/runtime';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async (event) => {
	const session = requireSession(event);
	const { runtime } = event.locals;
	const local = session.provider === 'local';
	return {
		provider: session.provider,
		mfa: await runtime.auth.mfa.status(credentialsOf(event), session),
		required: await mfaRequiredFor(runtime.db, session.user.id),
		sessions: local ? await listSessions(runtime.db, session.user.id, session.id) : []
	};
};

/** After a security change: other devices signed out (local accounts), the person told. */
async function afterChange(runtime: Runtime, session: Session, change: SecurityChange) {
	if (session.provider === 'local') {
		const ended = await runtime.db.asService((tx) =>
			endOtherSessions(tx, session.user.id, session.id)
		);
		for (const id of ended) await runtime.onSignedOut({ userId: session.user.id, sessionId: id });
	}
	await sendSecurityNotice(
		runtime.mailer,
		session.user.email,
		session.user.locale,
		change,
		runtime.config.origin
	);
}

/** Turning the second step off or making new recovery codes asks for the password again. */
async function passwordOk(event: RequestEvent, session: Session, form: FormData) {
	if (session.provider !== 'local') return true;
	const parsed = passwordConfirmInput.safeParse(Object.fromEntries(form));
	return (
		parsed.success && checkPassword(event.locals.runtime.db, session.user.id, parsed.data.password)
	);
}

export const actions: Actions = {
	/** A new key to scan; shown once, confirmed with a first code. */
	enrol: async (event) => {
		const session = requireSession(event);
		const enrolment = await event.locals.runtime.auth.mfa.startEnrolment(
			credentialsOf(event, (changes) => applyCookies(event, changes)),
			session
		);
		if (!enrolment) return fail(409, { form: 'enrol', error: 'acct_mfa_already_on' });
		return { form: 'enrol', enrolment };
	},

	confirm: async (event) => {
		const session = requireSession(event);
		const parsed = codeInput.safeParse(Object.fromEntries(await readForm(event.request)));
		if (!parsed.success) return fail(400, { form: 'confirm', errors: fieldErrors(parsed.error) });
		const { runtime } = event.locals;
		const confirmed = await runtime.auth.mfa.confirmEnrolment(
			credentialsOf(event, (changes) => applyCookies(event, changes)),
			session,
			parsed.data.code
		);
		if (!confirmed) return fail(400, { form: 'confirm', errors: { code: 'acct_code_wrong' } });
		await afterChange(runtime, session, 'mfa_on');
		return { form: 'confirm', recoveryCodes: confirmed.recoveryCodes };
	},

	disable: async (event) => {
		const session = requireSession(event);
		const form = await readForm(event.request);
		if (!(await passwordOk(event, session, form))) {
			return fail(400, { form: 'disable', errors: { password: 'acct_wrong_password' } });
		}
		const { runtime } = event.locals;
		await runtime.auth.mfa.disable(credentialsOf(event), session);
		await afterChange(runtime, session, 'mfa_off');
		return { form: 'disable', disabled: true };
	},

	recoveryCodes: async (event) => {
		const session = requireSession(event);
		if (session.provider !== 'local') return fail(400, { form: 'codes', error: 'acct_not_local' });
		const form = await readForm(event.request);
		if (!(await passwordOk(event, session, form))) {
			return fail(400, { form: 'codes', errors: { password: 'acct_wrong_password' } });
		}
		const { runtime } = event.locals;
		if (!(await runtime.auth.mfa.status(credentialsOf(event), session)).enabled) {
			return fail(409, { form: 'codes', error: 'acct_mfa_off' });
		}
		return {
			form: 'codes',
			recoveryCodes: await regenerateRecoveryCodes(runtime.db, session.user.id)
		};
	},

	/** Signs one of the person's other devices out. */
	revoke: async (event) => {
		const session = requireSession(event);
		const parsed = sessionIdInput.safeParse(Object.fromEntries(await readForm(event.request)));
		if (!parsed.success || parsed.data.sessionId === session.id) {
			return fail(400, { form: 'revoke', error: 'bad_request' });
		}
		const { runtime } = event.locals;
		const ended = await revokeSession(runtime.db, session.user.id, parsed.data.sessionId);
		for (const id of ended) await runtime.onSignedOut({ userId: session.user.id, sessionId: id });
		return { form: 'revoke', ended: ended.length };
	},

	revokeOthers: async (event) => {
		const session = requireSession(event);
		const { runtime } = event.locals;
		const ended = await revokeOtherSessions(runtime.db, session.user.id, session.id);
		for (const id of ended) await runtime.onSignedOut({ userId: session.user.id, sessionId: id });
		return { form: 'revoke', ended: ended.length };
	}
};
