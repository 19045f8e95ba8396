export declare const AUDIT_NODE: string;
export declare const AUDIT_SCHEMA: string;
export declare const AUDIT_FIELDS: Array<[string, 'string' | 'boolean' | 'array']>;
export declare const AUDIT_ACTION_STATUSES: string[];
export declare const AUDIT_OUTCOMES: string[];

export interface AuditAction {
	action: string;
	status: 'done' | 'skipped' | 'failed';
	detail: string;
}
export interface AuditRecord {
	schema: string;
	at: string;
	workflow: string;
	executionId: string;
	event: string;
	source: string;
	receivedAt: string;
	employeeId: string;
	employeeName: string;
	authorId: string;
	authorType: string;
	jumpCloudUserId: string;
	jumpCloudUsername: string;
	outcome: 'done' | 'skipped' | 'failed';
	actions: AuditAction[];
	summary: string;
	dryRun: boolean;
	wouldSend: Array<{ node: string; method: string; path: string; body?: unknown }>;
}
export declare function auditRecordProblems(record: unknown): string[];
export declare function auditStructureProblems(template: unknown, packageName: string): string[];
export declare function expectedOutcome(
	actions: Array<{ status: string }>,
): 'done' | 'skipped' | 'failed';
