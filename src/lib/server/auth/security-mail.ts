import type { Mailer } from '$lib/server/mail/mailer';

export type SecurityChange = 'email' | 'password' | 'mfa_on' | 'mfa_off';

const WHAT: Record<SecurityChange, { nl: string; en: string }> = {
	email: {
		nl: 'Het e-mailadres van je account is gewijzigd',
		en: 'Your account e-mail address was changed'
	},
	password: {
		nl: 'Het wachtwoord van je account is gewijzigd',
		en: 'Your account password was changed'
	},
	mfa_on: { nl: 'Aanmelden in twee stappen staat nu aan', en: 'Two-step sign-in is now on' },
	mfa_off: { nl: 'Aanmelden in twee stappen staat nu uit', en: 'Two-step sign-in is now off' }
};

/**
 * Tells the person (at the address the account had before the change) that a security setting
 * changed and that their other devices were signed out, so a stranger's change does not go unseen.
 */
export async function sendSecurityNotice(
	mailer: Mailer,
	to: string,
	locale: 'nl' | 'en',
	change: SecurityChange,
	origin: string
): Promise<void> {
	const subject = WHAT[change][locale];
	const text =
		locale === 'en'
			? `${subject}. Your other devices were signed out.\n\nWas this not you? Reset your password at ${origin}/reset and tell your programme coordinator.`
			: `${subject}. Je andere toestellen zijn afgemeld.\n\nWas jij dit niet? Stel je wachtwoord opnieuw in via ${origin}/reset en verwittig de coördinator van je programma.`;
	await mailer.send({ to, subject: `Mentorpad: ${subject}`, text, kind: `security_${change}` });
}
