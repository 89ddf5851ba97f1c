/**
 * The client's address, as the sign-in throttle counts it. Directly on the internet that is the
 * socket's peer. Behind a reverse proxy every request comes from the proxy, so the address is in a
 * header the proxy sets (`ADDRESS_HEADER`); a client can send that header too, so only the part
 * our own proxies wrote may be believed.
 *
 * For `X-Forwarded-For` (`client, proxy1, proxy2`, each proxy appending the address it received
 * from) that is the entry `XFF_DEPTH` places from the right: with one proxy of ours the last one,
 * the address that proxy saw. Anything further left was written by the client and is ignored,
 * exactly as adapter-node reads the same two variables for `getClientAddress()`. A request
 * that lacks the header, or carries fewer entries than we have proxies, did not come through
 * them: it is counted as "unknown", one shared bucket, rather than under an address of its
 * choosing. The app must then not be reachable around its proxy.
 */
export interface AddressSettings {
	/** Lower-case header name, e.g. `x-forwarded-for`; unset: the socket's peer. */
	ADDRESS_HEADER?: string;
	/** How many proxies of ours append to X-Forwarded-For. */
	XFF_DEPTH: number;
}

export const UNKNOWN_ADDRESS = 'unknown';

export function clientAddress(
	headers: Headers,
	socketAddress: () => string,
	settings: AddressSettings
): string {
	if (!settings.ADDRESS_HEADER) {
		try {
			return socketAddress();
		} catch {
			return UNKNOWN_ADDRESS;
		}
	}
	const value = headers.get(settings.ADDRESS_HEADER);
	if (value === null) return UNKNOWN_ADDRESS;
	if (settings.ADDRESS_HEADER !== 'x-forwarded-for') return tidy(value);
	// Several X-Forwarded-For headers arrive joined with ", ", in order: one list.
	const hops = value.split(',').map((hop) => hop.trim());
	if (hops.length < settings.XFF_DEPTH) return UNKNOWN_ADDRESS;
	return tidy(hops[hops.length - settings.XFF_DEPTH]);
}

/** A short, printable key: the address is used as a rate-limit key and logged. */
function tidy(value: string): string {
	const address = value.trim().slice(0, 64);
	return /^[\w.:[\]%-]+$/.test(address) ? address : UNKNOWN_ADDRESS;
}
