import { describe, expect, it } from 'vitest';
import { TOAST_TIMEOUT, ToastStore } from '$lib/components/ui/toast.svelte';

/** A clock the test moves by hand. */
function fakeClock() {
	let now = 0;
	let next = 1;
	const timers = new Map<number, { at: number; run: () => void }>();
	return {
		now: () => now,
		setTimeout: (run: () => void, ms: number) => {
			timers.set(next, { at: now + ms, run });
			return next++;
		},
		clearTimeout: (handle: unknown) => void timers.delete(handle as number),
		advance(ms: number) {
			now += ms;
			for (const [handle, timer] of [...timers].sort((a, b) => a[1].at - b[1].at)) {
				if (timer.at <= now && timers.delete(handle)) timer.run();
			}
		},
		get pending() {
			return timers.size;
		}
	};
}

describe('ToastStore', () => {
	it('shows a toast and takes it away after the timeout', () => {
		const clock = fakeClock();
		const toasts = new ToastStore(clock);
		toasts.success('Opgeslagen');
		expect(toasts.items).toMatchObject([{ message: 'Opgeslagen', tone: 'success' }]);
		clock.advance(TOAST_TIMEOUT - 1);
		expect(toasts.items).toHaveLength(1);
		clock.advance(1);
		expect(toasts.items).toHaveLength(0);
	});

	it('keeps problems until they are dismissed', () => {
		const clock = fakeClock();
		const toasts = new ToastStore(clock);
		const id = toasts.error('Er liep iets mis');
		clock.advance(TOAST_TIMEOUT * 10);
		expect(toasts.items).toMatchObject([{ id, tone: 'danger', timeout: null }]);
		toasts.dismiss(id);
		expect(toasts.items).toEqual([]);
	});

	it('pauses every countdown and resumes with the time that was left', () => {
		const clock = fakeClock();
		const toasts = new ToastStore(clock);
		toasts.show('Eerste', { timeout: 1000 });
		clock.advance(600);
		toasts.pause();
		clock.advance(10_000);
		expect(toasts.items).toHaveLength(1);
		toasts.resume();
		clock.advance(399);
		expect(toasts.items).toHaveLength(1);
		clock.advance(1);
		expect(toasts.items).toHaveLength(0);
	});

	it('does not start a new toast’s countdown while paused', () => {
		const clock = fakeClock();
		const toasts = new ToastStore(clock);
		toasts.pause();
		toasts.show('Tijdens pauze', { timeout: 500 });
		clock.advance(5000);
		expect(toasts.items).toHaveLength(1);
		toasts.resume();
		clock.advance(500);
		expect(toasts.items).toHaveLength(0);
	});

	it('keeps the newest four and forgets the timers of dropped ones', () => {
		const clock = fakeClock();
		const toasts = new ToastStore(clock);
		for (let i = 1; i <= 6; i++) toasts.show(`Melding ${i}`);
		expect(toasts.items.map((toast) => toast.message)).toEqual([
			'Melding 3',
			'Melding 4',
			'Melding 5',
			'Melding 6'
		]);
		expect(clock.pending).toBe(4);
		toasts.clear();
		expect(toasts.items).toEqual([]);
		expect(clock.pending).toBe(0);
	});

	it('carries an action and gives every toast its own id', () => {
		const toasts = new ToastStore(fakeClock());
		let undone = false;
		const a = toasts.show('Verwijderd', {
			action: { label: 'Ongedaan maken', run: () => (undone = true) }
		});
		const b = toasts.show('Nog een');
		expect(a).not.toBe(b);
		toasts.items[0].action?.run();
		expect(undone).toBe(true);
	});
});
