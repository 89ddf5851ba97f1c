/**
 * The time zone meetings are planned and shown in. Programmes are Flemish/Dutch; every date and
 * time a person types or reads is Brussels time, on the server as in the browser, so a page
 * rendered on a server in UTC shows the same hour as after hydration.
 */
export const PROGRAM_TIME_ZONE = 'Europe/Brussels';

/** Today's calendar date ('YYYY-MM-DD') in the programme's time zone. */
export function todayInProgramZone(now: Date = new Date()): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone: PROGRAM_TIME_ZONE }).format(now);
}
