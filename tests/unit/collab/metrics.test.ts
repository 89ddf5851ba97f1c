import { describe, expect, test } from 'vitest';
import { CollabMetrics } from '$lib/server/collab/metrics';

describe('CollabMetrics', () => {
	test('counts, counts closes by code, and reports gauges it is given', () => {
		const metrics = new CollabMetrics();
		metrics.add('messagesIn');
		metrics.add('messagesIn', 4);
		metrics.add('degradedDocuments');
		metrics.add('degradedDocuments', -1);
		metrics.closed(4422);
		metrics.closed(4422);
		metrics.closed(4503);
		const stats = metrics.snapshot({ connections: 3, documentsLoaded: 2 });
		expect(stats).toMatchObject({
			connections: 3,
			documentsLoaded: 2,
			messagesIn: 5,
			degradedDocuments: 0,
			closesByCode: { 4422: 2, 4503: 1 }
		});
	});

	test('a snapshot is a copy', () => {
		const metrics = new CollabMetrics();
		const before = metrics.snapshot({ connections: 0, documentsLoaded: 0 });
		metrics.add('storedUpdates', 10);
		metrics.closed(4400);
		expect(before.storedUpdates).toBe(0);
		expect(before.closesByCode).toEqual({});
	});
});
