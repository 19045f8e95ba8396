/**
 * Guards for reading a whole list page by page, shared by the Factorial and JumpCloud transports.
 * Pure module (no n8n types).
 *
 * A list read is only used when it is complete: a truncated read would make people who exist look
 * new (mass creates) or gone (mass suspensions, `employee.deleted` events). And a server that ignores
 * `skip` or hands out new cursors forever must not make the transport loop until memory runs out.
 */

/** Pages read at most when the service reports no total (100 000 records at 100 a page). */
export const MAX_PAGES_WITHOUT_TOTAL = 1_000;

export type PageProblem =
	| { kind: 'repeatedPage'; firstId: string; page: number }
	| { kind: 'tooManyPages'; pages: number; total: number | undefined }
	| { kind: 'noData'; page: number }
	| { kind: 'partial'; read: number; total: number };

function idOf(record: unknown): string | undefined {
	if (!record || typeof record !== 'object') return undefined;
	const r = record as Record<string, unknown>;
	const id = r._id ?? r.id ?? (r.to as Record<string, unknown> | undefined)?.id;
	return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}

/** Tracks the pages of one list read. */
export class PageGuard {
	private readonly firstIds = new Set<string>();
	private pages = 0;
	private total: number | undefined;
	/** The first total reported: a list may grow while it is read, but not without bound. */
	private firstTotal: number | undefined;
	/** The smallest non-empty page seen: a server may answer fewer than asked (its own default page). */
	private smallest: number;

	constructor(pageSize: number) {
		this.smallest = pageSize;
	}

	/**
	 * Call for every page (its records and the total the service reported with it, if any) before
	 * using it. Returns a problem when the page repeats an earlier one (same first id) or when more
	 * pages were read than the reported total allows.
	 */
	page(records: unknown[], total: number | undefined): PageProblem | undefined {
		this.pages++;
		if (total !== undefined && Number.isFinite(total) && total >= 0) {
			this.total = total;
			if (this.firstTotal === undefined) this.firstTotal = total;
		}
		if (records.length) this.smallest = Math.min(this.smallest, records.length);
		const first = records.length ? idOf(records[0]) : undefined;
		if (first !== undefined) {
			if (this.firstIds.has(first))
				return { kind: 'repeatedPage', firstId: first, page: this.pages };
			this.firstIds.add(first);
		}
		// Room for 10% growth during the read (and one empty last page), no more; counted at the
		// smallest page the server answered, so the cap is never above the total plus one.
		const cap =
			this.firstTotal !== undefined
				? Math.ceil((this.firstTotal * 1.1) / this.smallest) + 1
				: MAX_PAGES_WITHOUT_TOTAL;
		if (this.pages > cap)
			return { kind: 'tooManyPages', pages: this.pages, total: this.firstTotal };
		return undefined;
	}

	/** At the end of a read of everything: fewer records than the service reported is a partial read. */
	finish(read: number): PageProblem | undefined {
		if (this.total !== undefined && read < this.total)
			return { kind: 'partial', read, total: this.total };
		return undefined;
	}
}

/** What happened, in words for an error message. */
export function describePageProblem(service: string, what: string, problem: PageProblem): string {
	switch (problem.kind) {
		case 'repeatedPage':
			return `${service} returned the same page twice while listing ${what} (page ${problem.page} starts again with ${problem.firstId})`;
		case 'tooManyPages':
			return problem.total === undefined
				? `${service} kept returning pages while listing ${what} (stopped after ${problem.pages - 1})`
				: `${service} returned more pages than its reported total of ${problem.total} allows while listing ${what}`;
		case 'noData':
			return `${service} answered page ${problem.page} of ${what} without a list of records`;
		case 'partial':
			return `Only ${problem.read} of the ${problem.total} records ${service} reported for ${what} could be read`;
	}
}
