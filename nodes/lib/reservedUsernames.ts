/**
 * Reserved usernames: names a generated or given JumpCloud username must never be, because
 * JumpCloud binds a user to the local account of the same name on every device the user is bound
 * to (taking over `root` or `Administrator` there). Pure module (no n8n types).
 *
 * Names are compared after folding: Unicode NFKC (full-width "ａｄｍｉｎ" -> "admin"), Cyrillic and
 * Greek lookalikes to their Latin twins (Cyrillic "Аdmin" -> "admin"), marks removed, lower case.
 */

/** Privileged and well-known accounts. */
const GENERAL = ['admin', 'administrator', 'root', 'guest', 'daemon', 'jumpcloud', 'superuser'];

/** Linux system accounts (Debian/Ubuntu/RHEL base passwd, common services, cloud images). */
const LINUX = [
	'bin',
	'sys',
	'sync',
	'games',
	'man',
	'lp',
	'mail',
	'news',
	'uucp',
	'proxy',
	'www-data',
	'backup',
	'list',
	'irc',
	'gnats',
	'nobody',
	'nogroup',
	'adm',
	'wheel',
	'sudo',
	'operator',
	'halt',
	'shutdown',
	'ftp',
	'sshd',
	'syslog',
	'messagebus',
	'dbus',
	'polkitd',
	'chrony',
	'tss',
	'systemd-network',
	'systemd-resolve',
	'systemd-timesync',
	'systemd-coredump',
	'postfix',
	'postgres',
	'mysql',
	'nginx',
	'apache',
	'httpd',
	'docker',
	'ubuntu',
	'centos',
	'ec2-user',
	'rpc',
	'rpcuser',
	'nfsnobody',
	'avahi',
	'colord',
	'saned',
	'pulse',
	'gdm',
	'lightdm',
];

/** macOS accounts without the leading underscore (those with it cannot be generated anyway). */
const MACOS = ['nobody', 'daemon', 'root', 'unknown', 'everyone', 'staff', 'mbsetupuser', 'www'];

/** Windows built-in and service accounts. */
const WINDOWS = [
	'administrator',
	'guest',
	'defaultaccount',
	'wdagutilityaccount',
	'krbtgt',
	'system',
	'localsystem',
	'localservice',
	'networkservice',
	'trustedinstaller',
	'defaultuser0',
	'administrators',
	'users',
	'everyone',
];

export const DEFAULT_RESERVED_USERNAMES: readonly string[] = [
	...new Set([...GENERAL, ...LINUX, ...MACOS, ...WINDOWS]),
];

/** Cyrillic and Greek letters that look like Latin ones (lower case; input is lower-cased first). */
const LOOKALIKES: Record<string, string> = {
	а: 'a',
	в: 'b',
	е: 'e',
	ё: 'e',
	к: 'k',
	м: 'm',
	н: 'h',
	о: 'o',
	р: 'p',
	с: 'c',
	т: 't',
	у: 'y',
	х: 'x',
	ѕ: 's',
	і: 'i',
	ї: 'i',
	ј: 'j',
	ԁ: 'd',
	һ: 'h',
	ӏ: 'l',
	ԛ: 'q',
	ԝ: 'w',
	α: 'a',
	β: 'b',
	ε: 'e',
	η: 'n',
	ι: 'i',
	κ: 'k',
	μ: 'm',
	ν: 'v',
	ο: 'o',
	ρ: 'p',
	τ: 't',
	υ: 'u',
	χ: 'x',
	ϲ: 'c',
	ϳ: 'j',
};

/** The form names are compared in. */
export function foldUsername(name: string): string {
	const lower = name.normalize('NFKC').toLowerCase();
	let out = '';
	for (const ch of lower) out += LOOKALIKES[ch] ?? ch;
	return out.normalize('NFKD').replace(/\p{M}/gu, '').trim();
}

/** A comma, space or newline separated list of extra reserved names, folded. */
export function parseReservedList(text: string): string[] {
	return text
		.split(/[\s,;]+/)
		.map((entry) => foldUsername(entry))
		.filter((entry) => entry !== '');
}

/** The folded set of reserved names: the defaults plus the admin's own. */
export function reservedSet(extra: readonly string[] = []): ReadonlySet<string> {
	return new Set([...DEFAULT_RESERVED_USERNAMES, ...extra].map(foldUsername));
}

/** Whether `name` is reserved (compared folded). */
export function isReservedUsername(name: string, reserved: ReadonlySet<string>): boolean {
	return reserved.has(foldUsername(name));
}
