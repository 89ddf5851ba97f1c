import { z } from 'zod';
import { plainText } from '$lib/domain/input';
import { emailInput, passwordInput, typedPassword } from '$lib/domain/programs/schemas';

/** The account forms' inputs (error messages are keys for `errorText`). */
export const profileInput = z.object({
	displayName: plainText().trim().min(1, 'required').max(120, 'name_too_long'),
	locale: z.enum(['nl', 'en'], 'required')
});

export const emailChangeInput = z.object({ email: emailInput });

export const passwordChangeInput = z
	.object({
		current: typedPassword(),
		password: passwordInput,
		confirm: z.string('password_mismatch')
	})
	.refine((v) => v.password === v.confirm, { message: 'password_mismatch', path: ['confirm'] });

/** A TOTP code (6 digits, spaces allowed) or a recovery code. */
export const codeInput = z.object({
	code: plainText()
		.trim()
		.min(1, 'required')
		.max(20, 'too_long')
		.regex(/^(\d{3} ?\d{3}|[a-z0-9]{5}-?[a-z0-9]{5})$/i, 'acct_code_format')
});

export const passwordConfirmInput = z.object({
	password: typedPassword()
});

export const sessionIdInput = z.object({ sessionId: z.uuid('required') });
