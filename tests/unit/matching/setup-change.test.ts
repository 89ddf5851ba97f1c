import { describe, expect, it } from 'vitest';
import { applySetupChange, type PairingSetup } from '$lib/domain/matching';

const p = (menteeId: string, mentorId: string) => ({ menteeId, mentorId });
const setup: PairingSetup = { exclusions: [p('e1', 'r9')], locked: [p('e1', 'r1'), p('e2', 'r2')] };

describe('applySetupChange', () => {
	it('lock replaces the mentee’s locked mentor and keeps the other locks', () => {
		expect(applySetupChange(setup, { kind: 'lock', pair: p('e1', 'r3') })).toEqual({
			exclusions: setup.exclusions,
			locked: [p('e2', 'r2'), p('e1', 'r3')]
		});
	});
	it('lock on a mentee without a lock adds one', () => {
		expect(applySetupChange(setup, { kind: 'lock', pair: p('e3', 'r1') }).locked).toEqual([
			...setup.locked,
			p('e3', 'r1')
		]);
	});
	it('swap is a lock on the chosen mentor', () => {
		expect(applySetupChange(setup, { kind: 'swap', pair: p('e2', 'r1') })).toEqual(
			applySetupChange(setup, { kind: 'lock', pair: p('e2', 'r1') })
		);
	});
	it('unlock removes the mentee’s lock, whichever mentor it was', () => {
		expect(applySetupChange(setup, { kind: 'unlock', pair: p('e1', 'r7') })).toEqual({
			exclusions: setup.exclusions,
			locked: [p('e2', 'r2')]
		});
	});
	it('exclude rules the pair out and drops only that exact lock', () => {
		expect(applySetupChange(setup, { kind: 'exclude', pair: p('e1', 'r1') })).toEqual({
			exclusions: [p('e1', 'r9'), p('e1', 'r1')],
			locked: [p('e2', 'r2')]
		});
		expect(applySetupChange(setup, { kind: 'exclude', pair: p('e1', 'r2') }).locked).toEqual(
			setup.locked
		);
	});
	it('keeps only the mentee and mentor ids of the pair it stores', () => {
		const extra = { ...p('e4', 'r4'), note: 'x' } as ReturnType<typeof p>;
		expect(applySetupChange(setup, { kind: 'lock', pair: extra }).locked.at(-1)).toEqual(
			p('e4', 'r4')
		);
	});
	it('never changes the set-up it was given', () => {
		const before = structuredClone(setup);
		applySetupChange(setup, { kind: 'exclude', pair: p('e2', 'r2') });
		expect(setup).toEqual(before);
	});
});
