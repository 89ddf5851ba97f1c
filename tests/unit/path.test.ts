import { describe, expect, it } from 'vitest';
import {
	allowedPathActions,
	nextPhase,
	phaseReadiness,
	sheetDone,
	type PathFacts
} from '$lib/domain/path';
import { notificationText } from '$lib/server/notifications/text';

const facts = (over: Partial<PathFacts> = {}): PathFacts => ({
	role: 'mentor',
	status: 'active',
	phase: 'BR',
	proposal: null,
	pausedByMe: false,
	closingStarted: false,
	...over
});

describe('the path rules', () => {
	it('moves one phase at a time and stops after MO', () => {
		expect(nextPhase('BR')).toBe('SD');
		expect(nextPhase('WU')).toBe('MO');
		expect(nextPhase('MO')).toBeNull();
	});

	it('counts done and started sheets as guidance', () => {
		expect(sheetDone({ key: 'a', filled: 5, total: 5 })).toBe(true);
		expect(sheetDone({ key: 'a', filled: 0, total: 5, completed: true })).toBe(true);
		expect(sheetDone({ key: 'a', filled: 0, total: 0 })).toBe(false);
		expect(
			phaseReadiness([
				{ key: 'a', filled: 5, total: 5 },
				{ key: 'b', filled: 2, total: 5 },
				{ key: 'c', filled: 0, total: 5 }
			])
		).toEqual({ done: 1, started: 1, total: 3 });
	});

	it('offers the next phase to either person of an active pair without an open proposal', () => {
		expect(allowedPathActions(facts()).propose).toBe('SD');
		expect(allowedPathActions(facts({ role: 'mentee' })).propose).toBe('SD');
		expect(allowedPathActions(facts({ status: 'paused' })).propose).toBeNull();
		expect(allowedPathActions(facts({ status: 'exit_requested' })).propose).toBeNull();
		expect(allowedPathActions(facts({ phase: 'MO' })).propose).toBeNull();
		expect(allowedPathActions(facts({ proposal: { mine: true } })).propose).toBeNull();
	});

	it('lets the other person answer and the proposer withdraw', () => {
		const mine = allowedPathActions(facts({ proposal: { mine: true } }));
		expect([mine.answer, mine.withdraw]).toEqual([false, true]);
		const theirs = allowedPathActions(facts({ proposal: { mine: false } }));
		expect([theirs.answer, theirs.withdraw]).toEqual([true, false]);
	});

	it('lets the mentor pause and resume their own pause; the mentee neither', () => {
		expect(allowedPathActions(facts()).pause).toBe(true);
		expect(allowedPathActions(facts({ role: 'mentee' })).pause).toBe(false);
		expect(allowedPathActions(facts({ status: 'paused', pausedByMe: true })).resume).toBe(true);
		expect(allowedPathActions(facts({ status: 'paused', pausedByMe: false })).resume).toBe(false);
		expect(
			allowedPathActions(facts({ role: 'mentee', status: 'paused', pausedByMe: true })).resume
		).toBe(false);
	});

	it('asks for the closing conversation before a person ends the pair in MO', () => {
		expect(allowedPathActions(facts({ phase: 'WU' }))).toMatchObject({
			end: false,
			endNeedsClosing: false
		});
		expect(allowedPathActions(facts({ phase: 'MO' }))).toMatchObject({
			end: false,
			endNeedsClosing: true
		});
		expect(
			allowedPathActions(facts({ phase: 'MO', role: 'mentee', closingStarted: true }))
		).toMatchObject({ end: true, endNeedsClosing: false });
	});

	it('names the phase and the person in a path notification, and keeps status texts as they were', () => {
		expect(
			notificationText('pair_status', { name: 'Gert', status: 'phase_proposed', phase: 'SD' }, 'nl')
		).toBe(
			'Gert stelt voor om door te gaan naar Richting instellen (SD): bevestig het op jullie traject'
		);
		expect(
			notificationText('pair_status', { name: 'Ann', status: 'phase_set', phase: 'MO' }, 'en')
		).toBe('Ann (coordinator) set your path to Moving on (MO)');
		expect(notificationText('pair_status', { status: 'paused' }, 'en')).not.toContain('phase');
	});
});
