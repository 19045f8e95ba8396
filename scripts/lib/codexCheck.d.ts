export declare const CODEX_CATEGORIES: string[];
export declare function checkCodex(codex: unknown, nodeType: string): string[];
export declare function checkThemedIcon(
	icon: unknown,
	read: (ref: string) => Buffer | undefined,
): string[];
