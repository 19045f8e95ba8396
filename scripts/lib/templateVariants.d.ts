export interface TemplateContext {
	packageName: string;
	version: string;
	/** the template's file name in templates/, e.g. 'joiner.json' */
	file: string;
}
export declare const SERVICES: Record<
	'factorial' | 'jumpCloud',
	{ apiKey: string; oAuth2: string; name: string }
>;
export declare const CREDENTIAL_KINDS: Record<
	string,
	{ service: string; kind: 'apiKey' | 'oAuth2' }
>;
export declare const SETUP_NOTE: string;
export declare const HOW_IT_WORKS: string;
export declare function credentialReference(type: string): { id: null; name: string } | undefined;
export declare function normalizeTemplate<T>(template: T, ctx: TemplateContext): T;
export declare function oauth2Variant<T>(template: T, ctx: TemplateContext): T;
export declare function serialize(template: unknown): string;
export declare function setupText(
	template: unknown,
	ctx: TemplateContext & { kind: 'apiKey' | 'oAuth2' },
): string;
