export interface TemplateCheckContext {
	packageName: string;
	/** node name -> its descriptions (one per version class) */
	nodes: Record<string, Array<Record<string, unknown>>>;
	credentials: string[];
}
export declare function checkTemplate(template: unknown, ctx: TemplateCheckContext): string[];
