import nock from 'nock';

/**
 * For the calling test file: no real network, and after each test every interceptor it set up must
 * have been used (the test fails naming the ones left), then all are removed.
 */
export function useStrictNock(): void {
	beforeAll(() => nock.disableNetConnect());
	afterEach(() => {
		const pending = nock.pendingMocks();
		nock.cleanAll();
		expect(pending).toEqual([]);
	});
	afterAll(() => nock.enableNetConnect());
}
