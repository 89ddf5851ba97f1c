import { describe, expect, it } from 'vitest';
import {
	formatClock,
	INTERVISION_METHODS,
	METHODS,
	remainingSeconds
} from '$lib/domain/groups/intervision';
import { NEEDS_THEMES } from '$lib/domain/groups/needs';
import { readLiveEvent } from '$lib/shared/live';
import { parseLiveEvent } from '$lib/shared/live-events';

describe('intervision methods and the shared timer', () => {
	it('each method runs from the case to the case owner’s reflection, in both languages', () => {
		for (const key of INTERVISION_METHODS) {
			const steps = METHODS[key].steps;
			expect(steps.length).toBeGreaterThanOrEqual(5);
			expect(steps[0].title.nl).toBe('Inbreng van de casus');
			expect(steps.at(-1)?.title.nl).toBe('Reflectie door de inbrenger');
			for (const step of steps) {
				expect(step.title.en && step.guide.nl && step.guide.en).toBeTruthy();
				expect(step.minutes).toBeGreaterThan(0);
			}
		}
	});

	it('counts down from when the server started the step; a pause freezes it; overrun is negative', () => {
		const timer = { stepStartedAt: 1_000_000, stepSeconds: 300, pausedRemaining: null };
		expect(remainingSeconds(timer, 1_000_000)).toBe(300);
		expect(remainingSeconds(timer, 1_000_000 + 61_500)).toBe(239);
		expect(remainingSeconds(timer, 1_000_000 + 301_000)).toBe(-1);
		expect(remainingSeconds({ ...timer, pausedRemaining: 42 }, 9_999_999)).toBe(42);
		expect(formatClock(239)).toBe('3:59');
		expect(formatClock(-61)).toBe('-1:01');
		expect(formatClock(600)).toBe('10:00');
	});

	it('the needs themes have unique keys and both languages', () => {
		const keys = NEEDS_THEMES.map((t) => t.key);
		expect(new Set(keys).size).toBe(keys.length);
		for (const t of NEEDS_THEMES) expect(t.nl && t.en).toBeTruthy();
	});
});

describe('the group live event', () => {
	const event = { type: 'group', groupId: 'g1', topic: 'comments' };
	it('passes the browser’s light check and the relay’s schema', () => {
		expect(readLiveEvent(JSON.stringify(event))).toEqual(event);
		expect(parseLiveEvent(JSON.stringify(event))).toEqual(event);
	});
	it('refuses an unknown topic or a missing group', () => {
		for (const bad of [
			{ ...event, topic: 'text' },
			{ type: 'group', topic: 'comments' }
		]) {
			expect(readLiveEvent(JSON.stringify(bad))).toBeNull();
			expect(parseLiveEvent(JSON.stringify(bad))).toBeNull();
		}
	});
});
