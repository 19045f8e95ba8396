export interface TemplateCheckContext {
	packageName: string;
	/** node name -> its descriptions (one per version class) */
	nodes: Record<string, Array<Record<string, unknown>>>;
	credentials: string[];
}
export interface ShippedTemplateContext {
	packageName: string;
	nodes: Record<string, Array<Record<string, unknown>>>;
	/** core node types a template may use (default CORE_NODE_TYPES) */
	coreTypes?: string[];
	/** the credential reference a template must use, by type (default CREDENTIAL_PLACEHOLDERS) */
	placeholders?: Record<string, { id: string | null; name: string }>;
}
export declare function checkTemplate(template: unknown, ctx: TemplateCheckContext): string[];
export declare function checkShippedTemplate(
	template: unknown,
	ctx: ShippedTemplateContext,
): string[];
export declare function checkTemplateList(files: string[], readme: string): string[];
export declare const CORE_NODE_TYPES: string[];
export declare const CREDENTIAL_PLACEHOLDERS: Record<string, { id: string | null; name: string }>;
