/** What the devices list shows of a user agent: browser and system, nothing finer. */
export interface DeviceLabel {
	browser: string | null;
	os: string | null;
	mobile: boolean;
}

// Order matters: Edge and Opera also say "Chrome", Chrome also says "Safari".
const BROWSERS: [RegExp, string][] = [
	[/\bEdg(?:e|A|iOS)?\//, 'Edge'],
	[/\bOPR\/|\bOpera\b/, 'Opera'],
	[/\bSamsungBrowser\//, 'Samsung Internet'],
	[/\bFirefox\/|\bFxiOS\//, 'Firefox'],
	[/\bChrome\/|\bCriOS\/|\bChromium\//, 'Chrome'],
	[/\bVersion\/[\d.]+.*\bSafari\//, 'Safari'],
	[/\bHeadlessChrome\//, 'Chrome']
];

const SYSTEMS: [RegExp, string][] = [
	[/\biPhone\b|\biPad\b|\biPod\b/, 'iOS'],
	[/\bAndroid\b/, 'Android'],
	[/\bCrOS\b/, 'ChromeOS'],
	[/\bWindows\b/, 'Windows'],
	[/\bMac OS X\b|\bMacintosh\b/, 'macOS'],
	[/\bLinux\b/, 'Linux']
];

/** A rough, honest label; unknown parts stay null (the page says "unknown device"). */
export function describeUserAgent(userAgent: string): DeviceLabel {
	const browser = BROWSERS.find(([pattern]) => pattern.test(userAgent))?.[1] ?? null;
	const os = SYSTEMS.find(([pattern]) => pattern.test(userAgent))?.[1] ?? null;
	return { browser, os, mobile: /\bMobile\b|\biPhone\b|\bAndroid\b/.test(userAgent) };
}
