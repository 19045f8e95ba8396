export declare const START: string;
export declare const END: string;
export declare function renderTable(
	hosts: string[],
	results: Record<string, Record<string, unknown> | undefined>,
): string;
export declare function replaceTable(readme: string, table: string): string;
export declare function tableHosts(readme: string): string[];
