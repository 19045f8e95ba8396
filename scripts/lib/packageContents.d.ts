export declare function unexpectedFiles(files: string[]): string[];
export declare function sourceMapProblems(mapFile: string, map: { sources?: string[] }): string[];
export declare function formatSize(bytes: number): string;
