export declare function latestChangelogVersion(text: string): string | undefined;
export declare function packageJsonProblems(
	pkg: Record<string, unknown>,
	exists: (relPath: string) => boolean,
): string[];
