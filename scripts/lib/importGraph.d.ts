export declare function checkImportGraph(files: Record<string, string>): string[];
export declare function specifiersOf(source: string): Array<{ specifier: string; line: number }>;
