// Reads a Vitest or Playwright JSON report for the test command: prints "passed failed", then one
// line per failed test, so the end of its output (often all that a CI log keeps) names what
// failed, not only how many. Usage: node scripts/test-report.mjs <report.json>
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { stripVTControlCharacters } from 'node:util';

const report = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const vitest = Boolean(report.testResults);
const counts = vitest
	? [report.numPassedTests, report.numFailedTests + (report.numRuntimeErrorTests || 0)]
	: [report.stats.expected + report.stats.flaky, report.stats.unexpected];
console.log(counts.join(' '));
for (const line of vitest ? vitestFailures(report) : playwrightFailures(report)) console.log(line);

function vitestFailures(r) {
	const out = [];
	for (const file of r.testResults) {
		const name = relative(process.cwd(), file.name);
		const failed = file.assertionResults.filter((test) => test.status === 'failed');
		for (const test of failed)
			out.push(`${name} › ${test.fullName}${firstLine(test.failureMessages?.[0])}`);
		// A file that failed outside any test (an import error, a hook, an unhandled rejection).
		if (file.status === 'failed' && failed.length === 0)
			out.push(`${name}${firstLine(file.message)}`);
	}
	return out;
}

function playwrightFailures(r) {
	const out = [];
	const walk = (suite, path) => {
		for (const spec of suite.specs ?? []) {
			for (const test of spec.tests) {
				if (test.status !== 'unexpected') continue;
				const last = test.results.at(-1);
				out.push(
					`[${test.projectName}] ${spec.file} › ${[...path, spec.title].join(' › ')}${firstLine(last?.error?.message)}`
				);
			}
		}
		for (const child of suite.suites ?? []) walk(child, [...path, child.title]);
	};
	for (const suite of r.suites ?? []) walk(suite, []);
	for (const error of r.errors ?? []) out.push(`(outside a test)${firstLine(error.message)}`);
	return out;
}

/** ": " and the first non-empty line of an error message, without colour codes, at most 200 characters. */
function firstLine(message) {
	const line = stripVTControlCharacters(message ?? '')
		.split('\n')
		.map((part) => part.trim())
		.find(Boolean);
	return line ? `: ${line.slice(0, 200)}` : '';
}
