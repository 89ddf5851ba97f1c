import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MinCostFlow } from '$lib/domain/matching/min-cost-flow';

type Edge = [from: number, to: number, capacity: number, cost: number];

function network(nodeCount: number, edges: readonly Edge[]): MinCostFlow {
	const flow = new MinCostFlow(nodeCount);
	for (const [from, to, capacity, cost] of edges) flow.addEdge(from, to, capacity, cost);
	return flow;
}

describe('MinCostFlow on hand-made networks', () => {
	it('sends flow along a single path', () => {
		const flow = network(3, [
			[0, 1, 2, 1],
			[1, 2, 2, 1]
		]);
		expect(flow.solve(0, 2)).toEqual({ flow: 2, cost: 4 });
		expect([flow.flowOn(0), flow.flowOn(1)]).toEqual([2, 2]);
	});

	it('takes the cheaper route first and respects maxFlow', () => {
		const edges: Edge[] = [
			[0, 1, 1, 1],
			[0, 2, 1, 5],
			[1, 3, 1, 1],
			[2, 3, 1, 1]
		];
		const limited = network(4, edges);
		expect(limited.solve(0, 3, { maxFlow: 1 })).toEqual({ flow: 1, cost: 2 });
		expect(limited.flowOn(0)).toBe(1);
		expect(limited.flowOn(1)).toBe(0);
		expect(network(4, edges).solve(0, 3)).toEqual({ flow: 2, cost: 8 });
	});

	it('reroutes earlier flow through reverse edges', () => {
		// s=0, mentees A=1, B=2, mentors X=3, Y=4, t=5. A–X and B–X both cost 1, A–Y 2, B–Y 100.
		const flow = network(6, [
			[0, 1, 1, 0],
			[0, 2, 1, 0],
			[1, 3, 1, 1],
			[1, 4, 1, 2],
			[2, 3, 1, 1],
			[2, 4, 1, 100],
			[3, 5, 1, 0],
			[4, 5, 1, 0]
		]);
		expect(flow.solve(0, 5)).toEqual({ flow: 2, cost: 3 });
		expect([2, 3, 4, 5].map((edge) => flow.flowOn(edge))).toEqual([0, 1, 1, 0]);
	});

	it('handles negative costs and can stop once paths no longer pay', () => {
		const edges: Edge[] = [
			[0, 1, 1, 0],
			[0, 2, 1, 0],
			[1, 3, 1, -4],
			[2, 4, 1, 2],
			[3, 5, 1, 0],
			[4, 5, 1, 0]
		];
		expect(network(6, edges).solve(0, 5)).toEqual({ flow: 2, cost: -2 });
		expect(network(6, edges).solve(0, 5, { negativePathsOnly: true })).toEqual({
			flow: 1,
			cost: -4
		});
	});

	it('finds the maximum-weight matching with negativePathsOnly', () => {
		// A–X 10, A–Y 6, B–X 7: A–Y + B–X (13) beats A–X alone (10).
		const flow = network(6, [
			[0, 1, 1, 0],
			[0, 2, 1, 0],
			[1, 3, 1, -10],
			[1, 4, 1, -6],
			[2, 3, 1, -7],
			[3, 5, 1, 0],
			[4, 5, 1, 0]
		]);
		expect(flow.solve(0, 5, { negativePathsOnly: true })).toEqual({ flow: 2, cost: -13 });
	});

	it('sends nothing when the sink cannot be reached or is the source', () => {
		expect(network(3, [[0, 1, 5, 1]]).solve(0, 2)).toEqual({ flow: 0, cost: 0 });
		expect(network(2, [[0, 1, 5, 1]]).solve(0, 0)).toEqual({ flow: 0, cost: 0 });
		expect(new MinCostFlow(2).solve(0, 1)).toEqual({ flow: 0, cost: 0 });
	});

	it('refuses a negative cycle and bad arguments', () => {
		const cycle = network(4, [
			[0, 1, 1, 0],
			[1, 2, 1, -3],
			[2, 1, 1, 1],
			[2, 3, 1, 0]
		]);
		expect(() => cycle.solve(0, 3)).toThrow(/negative cost/);
		const flow = new MinCostFlow(2);
		expect(() => flow.addEdge(0, 2, 1, 0)).toThrow(RangeError);
		expect(() => flow.addEdge(0, 1, 1.5, 0)).toThrow(RangeError);
		expect(() => flow.addEdge(0, 1, -1, 0)).toThrow(RangeError);
		expect(() => flow.addEdge(0, 1, 1, 0.5)).toThrow(RangeError);
		expect(() => new MinCostFlow(-1)).toThrow(RangeError);
		flow.addEdge(0, 1, 1, 0);
		flow.solve(0, 1);
		expect(() => flow.solve(0, 1)).toThrow();
		expect(() => flow.addEdge(0, 1, 1, 0)).toThrow();
	});
});

/** Residual arcs of a solved network: [from, to, cost]. */
function residualArcs(flow: MinCostFlow, edges: readonly Edge[]): [number, number, number][] {
	return edges.flatMap(([from, to, capacity, cost], e): [number, number, number][] => {
		const sent = flow.flowOn(e);
		const arcs: [number, number, number][] = [];
		if (sent < capacity) arcs.push([from, to, cost]);
		if (sent > 0) arcs.push([to, from, -cost]);
		return arcs;
	});
}

function hasNegativeCycle(nodeCount: number, arcs: readonly [number, number, number][]): boolean {
	const dist = new Array<number>(nodeCount).fill(0);
	for (let round = 0; round < nodeCount; round++) {
		let changed = false;
		for (const [u, v, cost] of arcs) {
			if (dist[u] + cost < dist[v]) {
				dist[v] = dist[u] + cost;
				changed = true;
			}
		}
		if (!changed) return false;
	}
	return true;
}

function reachable(nodeCount: number, arcs: readonly [number, number, number][], from: number) {
	const seen = new Set([from]);
	const stack = [from];
	while (stack.length > 0) {
		const u = stack.pop() as number;
		for (const [a, b] of arcs) {
			if (a === u && !seen.has(b)) {
				seen.add(b);
				stack.push(b);
			}
		}
	}
	return seen;
}

// Edges only go from a lower to a higher node, so the network has no negative cycle.
const dagArb = fc.integer({ min: 2, max: 7 }).chain((nodeCount) =>
	fc.tuple(
		fc.constant(nodeCount),
		fc.array(
			fc
				.tuple(
					fc.integer({ min: 0, max: nodeCount - 1 }),
					fc.integer({ min: 0, max: nodeCount - 1 }),
					fc.integer({ min: 0, max: 3 }),
					fc.integer({ min: -6, max: 9 })
				)
				.filter(([a, b]) => a !== b)
				.map(([a, b, capacity, cost]): Edge => [Math.min(a, b), Math.max(a, b), capacity, cost]),
			{ maxLength: 14 }
		)
	)
);

describe('MinCostFlow optimality certificates on random networks', () => {
	it('finds a maximum flow of minimum cost', () => {
		fc.assert(
			fc.property(dagArb, ([nodeCount, edges]) => {
				const flow = network(nodeCount, edges);
				const sink = nodeCount - 1;
				const result = flow.solve(0, sink);
				const balance = new Array<number>(nodeCount).fill(0);
				let cost = 0;
				edges.forEach(([from, to, capacity, edgeCost], e) => {
					const sent = flow.flowOn(e);
					expect(sent).toBeGreaterThanOrEqual(0);
					expect(sent).toBeLessThanOrEqual(capacity);
					balance[from] -= sent;
					balance[to] += sent;
					cost += sent * edgeCost;
				});
				expect(balance[sink]).toBe(result.flow);
				expect(balance.slice(1, sink).every((b) => b === 0)).toBe(true);
				expect(cost).toBe(result.cost);
				const arcs = residualArcs(flow, edges);
				expect(reachable(nodeCount, arcs, 0).has(sink)).toBe(false);
				expect(hasNegativeCycle(nodeCount, arcs)).toBe(false);
			}),
			{ numRuns: 300 }
		);
	});

	it('with negativePathsOnly, finds the cheapest flow of any value', () => {
		fc.assert(
			fc.property(dagArb, ([nodeCount, edges]) => {
				const flow = network(nodeCount, edges);
				const sink = nodeCount - 1;
				const result = flow.solve(0, sink, { negativePathsOnly: true });
				// Cheapest over all flow values ⇔ no negative cycle once the flow value may change
				// for free: an arc sink → source, and source → sink to undo flow.
				const arcs = residualArcs(flow, edges);
				arcs.push([sink, 0, 0]);
				if (result.flow > 0) arcs.push([0, sink, 0]);
				expect(hasNegativeCycle(nodeCount, arcs)).toBe(false);
			}),
			{ numRuns: 300 }
		);
	});
});
