/**
 * Minimum-cost flow by successive shortest paths. A queue-based Bellman-Ford pass gives the first
 * node potentials when some costs are negative; after that every shortest path is found by
 * Dijkstra on reduced costs (binary heap, typed arrays). Capacities and costs are integers, so the
 * result is exact. With `F` the flow found, `V` nodes and `E` edges this runs in
 * O(V·E + F·E·log E) time, and it is deterministic: ties go to the edge added first.
 */

export interface FlowOptions {
	/** Stop once this much flow is sent; default: as much as the network carries. */
	maxFlow?: number;
	/**
	 * Only augment along paths of negative cost. Successive shortest paths never get cheaper, so
	 * the result is the cheapest flow of any value (e.g. a maximum-weight matching of any size).
	 */
	negativePathsOnly?: boolean;
}

export interface FlowResult {
	flow: number;
	cost: number;
}

const MAX_CAPACITY = 0x7fffffff;

export class MinCostFlow {
	readonly nodeCount: number;
	private readonly tails: number[] = [];
	private readonly heads: number[] = [];
	private readonly capacities: number[] = [];
	private readonly costs: number[] = [];
	/** Residual capacity per arc: arc 2e runs along edge e, arc 2e+1 is its reverse. */
	private residual: Int32Array | null = null;

	constructor(nodeCount: number) {
		if (!Number.isInteger(nodeCount) || nodeCount < 0) {
			throw new RangeError(`nodeCount must be a whole number ≥ 0, got ${nodeCount}`);
		}
		this.nodeCount = nodeCount;
	}

	/** Adds a directed edge and returns its index (for `flowOn`). */
	addEdge(from: number, to: number, capacity: number, cost: number): number {
		if (this.residual) throw new Error('Cannot add edges after solve()');
		this.checkNode(from);
		this.checkNode(to);
		if (!Number.isInteger(capacity) || capacity < 0 || capacity > MAX_CAPACITY) {
			throw new RangeError(
				`capacity must be a whole number in 0..${MAX_CAPACITY}, got ${capacity}`
			);
		}
		if (!Number.isSafeInteger(cost))
			throw new RangeError(`cost must be a safe integer, got ${cost}`);
		this.tails.push(from);
		this.heads.push(to);
		this.capacities.push(capacity);
		this.costs.push(cost);
		return this.tails.length - 1;
	}

	get edgeCount(): number {
		return this.tails.length;
	}

	/** The flow on edge `edge` after `solve`. */
	flowOn(edge: number): number {
		if (edge < 0 || edge >= this.tails.length) throw new RangeError(`no edge ${edge}`);
		return this.residual ? this.residual[2 * edge + 1] : 0;
	}

	/** Sends the cheapest flow from `source` to `sink`; may be called once. */
	solve(source: number, sink: number, options: FlowOptions = {}): FlowResult {
		if (this.residual) throw new Error('solve() may be called once');
		this.checkNode(source);
		this.checkNode(sink);
		const maxFlow = options.maxFlow ?? Infinity;
		const n = this.nodeCount;
		const arcCount = 2 * this.tails.length;
		const head = new Int32Array(arcCount);
		const cap = new Int32Array(arcCount);
		const cost = new Float64Array(arcCount);
		const start = new Int32Array(n + 1);
		for (let e = 0; e < this.tails.length; e++) {
			head[2 * e] = this.heads[e];
			head[2 * e + 1] = this.tails[e];
			cap[2 * e] = this.capacities[e];
			cost[2 * e] = this.costs[e];
			cost[2 * e + 1] = -this.costs[e];
			start[this.tails[e] + 1]++;
			start[this.heads[e] + 1]++;
		}
		for (let v = 0; v < n; v++) start[v + 1] += start[v];
		// Arcs leaving each node, in the order their edges were added.
		const arcs = new Int32Array(arcCount);
		const fill = start.slice(0, n);
		for (let a = 0; a < arcCount; a++) arcs[fill[head[a ^ 1]]++] = a;
		this.residual = cap;
		if (source === sink || maxFlow <= 0) return { flow: 0, cost: 0 };

		const potential = initialPotentials(n, source, start, arcs, head, cap, cost);
		const dist = new Float64Array(n);
		const done = new Uint8Array(n);
		const prevArc = new Int32Array(n);
		const heap = new BinaryHeap(arcCount + 1);
		let flow = 0;
		let totalCost = 0;
		while (flow < maxFlow) {
			dist.fill(Infinity);
			done.fill(0);
			dist[source] = 0;
			heap.clear();
			heap.push(0, source);
			while (heap.size > 0) {
				const u = heap.popNode();
				if (done[u]) continue;
				done[u] = 1;
				if (u === sink) break;
				const du = dist[u] + potential[u];
				for (let k = start[u]; k < start[u + 1]; k++) {
					const a = arcs[k];
					if (cap[a] === 0) continue;
					const v = head[a];
					if (done[v]) continue;
					const candidate = du + cost[a] - potential[v];
					if (candidate < dist[v]) {
						dist[v] = candidate;
						prevArc[v] = a;
						heap.push(candidate, v);
					}
				}
			}
			if (!done[sink]) break;
			// Nodes not settled before the sink are at least as far; capping keeps reduced costs ≥ 0.
			const reach = dist[sink];
			for (let v = 0; v < n; v++) potential[v] += done[v] ? dist[v] : reach;

			let amount = maxFlow - flow;
			let pathCost = 0;
			for (let v = sink; v !== source; v = head[prevArc[v] ^ 1]) {
				amount = Math.min(amount, cap[prevArc[v]]);
				pathCost += cost[prevArc[v]];
			}
			if (options.negativePathsOnly && pathCost >= 0) break;
			for (let v = sink; v !== source; v = head[prevArc[v] ^ 1]) {
				cap[prevArc[v]] -= amount;
				cap[prevArc[v] ^ 1] += amount;
			}
			flow += amount;
			totalCost += amount * pathCost;
		}
		return { flow, cost: totalCost };
	}

	private checkNode(node: number): void {
		if (!Number.isInteger(node) || node < 0 || node >= this.nodeCount) {
			throw new RangeError(`no node ${node}`);
		}
	}
}

/**
 * Shortest distances from the source over arcs with capacity (queue-based Bellman-Ford), used as
 * potentials so that every reduced cost is ≥ 0. Nodes the source cannot reach get 0: they stay
 * unreachable, because augmenting only adds arcs between reachable nodes.
 */
function initialPotentials(
	n: number,
	source: number,
	start: Int32Array,
	arcs: Int32Array,
	head: Int32Array,
	cap: Int32Array,
	cost: Float64Array
): Float64Array {
	const potential = new Float64Array(n);
	let negative = false;
	for (let a = 0; a < cost.length; a += 2) if (cap[a] > 0 && cost[a] < 0) negative = true;
	if (!negative) return potential;
	const dist = new Float64Array(n).fill(Infinity);
	const queued = new Uint8Array(n);
	const enqueued = new Int32Array(n);
	const queue = new Int32Array(n + 1);
	let first = 0;
	let last = 0;
	dist[source] = 0;
	queue[last++] = source;
	queued[source] = 1;
	while (first !== last) {
		const u = queue[first];
		first = (first + 1) % queue.length;
		queued[u] = 0;
		for (let k = start[u]; k < start[u + 1]; k++) {
			const a = arcs[k];
			if (cap[a] === 0) continue;
			const v = head[a];
			const candidate = dist[u] + cost[a];
			if (candidate >= dist[v]) continue;
			dist[v] = candidate;
			if (!queued[v]) {
				// Without a negative cycle a node joins the queue at most n times.
				if (++enqueued[v] > n) throw new Error('The network has a cycle of negative cost');
				queued[v] = 1;
				queue[last] = v;
				last = (last + 1) % queue.length;
			}
		}
	}
	for (let v = 0; v < n; v++) potential[v] = Number.isFinite(dist[v]) ? dist[v] : 0;
	return potential;
}

/** A min-heap of (key, node) entries; equal keys pop the smaller node first. */
class BinaryHeap {
	private readonly keys: Float64Array;
	private readonly nodes: Int32Array;
	size = 0;

	constructor(capacity: number) {
		this.keys = new Float64Array(capacity);
		this.nodes = new Int32Array(capacity);
	}

	clear(): void {
		this.size = 0;
	}

	push(key: number, node: number): void {
		const { keys, nodes } = this;
		let i = this.size++;
		while (i > 0) {
			const parent = (i - 1) >> 1;
			if (!before(key, node, keys[parent], nodes[parent])) break;
			keys[i] = keys[parent];
			nodes[i] = nodes[parent];
			i = parent;
		}
		keys[i] = key;
		nodes[i] = node;
	}

	/** Removes the smallest entry and returns its node. */
	popNode(): number {
		const { keys, nodes } = this;
		const top = nodes[0];
		const size = --this.size;
		const key = keys[size];
		const node = nodes[size];
		let i = 0;
		for (;;) {
			let child = 2 * i + 1;
			if (child >= size) break;
			if (
				child + 1 < size &&
				before(keys[child + 1], nodes[child + 1], keys[child], nodes[child])
			) {
				child++;
			}
			if (!before(keys[child], nodes[child], key, node)) break;
			keys[i] = keys[child];
			nodes[i] = nodes[child];
			i = child;
		}
		keys[i] = key;
		nodes[i] = node;
		return top;
	}
}

function before(keyA: number, nodeA: number, keyB: number, nodeB: number): boolean {
	return keyA < keyB || (keyA === keyB && nodeA < nodeB);
}
