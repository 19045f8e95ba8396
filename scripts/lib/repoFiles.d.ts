export declare const repoRoot: string;
export declare function readRepoFile(rel: string): string;
export declare function repoFileExists(rel: string): boolean;
export declare function listRepoFiles(relDir: string): string[];
