import { m } from '$lib/paraglide/messages.js';
import { isPathPhase } from '$lib/domain/phases';
import type { Locale } from './text';

const PHASES = {
	BR: m.path_phase_BR,
	SD: m.path_phase_SD,
	P: m.path_phase_P,
	WU: m.path_phase_WU,
	MO: m.path_phase_MO
} as const;

/** The sentence of a path notification: a phase proposed, confirmed, declined or set. */
export function phaseText(
	event: string | undefined,
	name: string,
	phase: string,
	locale: Locale
): string {
	const o = { locale };
	const params = { name, phase: isPathPhase(phase) ? PHASES[phase]({}, o) : phase };
	switch (event) {
		case 'phase_confirmed':
			return m.path_notif_phase_confirmed(params, o);
		case 'phase_declined':
			return m.path_notif_phase_declined(params, o);
		case 'phase_set':
			return m.path_notif_phase_set(params, o);
		default:
			return m.path_notif_phase_proposed(params, o);
	}
}
