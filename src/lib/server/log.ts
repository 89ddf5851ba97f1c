/** Structured logs: one JSON object per line on stdout (errors on stderr). */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
export type LogFields = Record<string, unknown>;

export interface Logger {
	debug(message: string, fields?: LogFields): void;
	info(message: string, fields?: LogFields): void;
	warn(message: string, fields?: LogFields): void;
	error(message: string, fields?: LogFields): void;
	child(fields: LogFields): Logger;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

export function createLogger(level: LogLevel = 'info', base: LogFields = {}): Logger {
	const write = (at: Exclude<LogLevel, 'silent'>, message: string, fields?: LogFields) => {
		if (ORDER[at] < ORDER[level]) return;
		const line = JSON.stringify({
			time: new Date().toISOString(),
			level: at,
			msg: message,
			...base,
			...serialise(fields)
		});
		if (at === 'error' || at === 'warn') process.stderr.write(line + '\n');
		else process.stdout.write(line + '\n');
	};
	return {
		debug: (m, f) => write('debug', m, f),
		info: (m, f) => write('info', m, f),
		warn: (m, f) => write('warn', m, f),
		error: (m, f) => write('error', m, f),
		child: (fields) => createLogger(level, { ...base, ...fields })
	};
}

function serialise(fields: LogFields | undefined): LogFields {
	if (!fields) return {};
	const out: LogFields = {};
	for (const [key, value] of Object.entries(fields)) {
		out[key] =
			value instanceof Error
				? { name: value.name, message: value.message, stack: value.stack }
				: value;
	}
	return out;
}

/**
 * A request path as the log may keep it: the secret token of a password-reset or invitation link
 * (`/reset/<token>`, `/invite/<token>`) and of a calendar feed (`/calendar/<secret>.ics`) is left out, since whoever reads the log could use it.
 */
export function pathForLog(pathname: string): string {
	return pathname.replace(/^\/(reset|invite|calendar)\/[^/]+/, '/$1/[token]');
}
