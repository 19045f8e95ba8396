import type { IDataObject } from 'n8n-workflow';

/**
 * Generate Unique Username checked against JumpCloud (API key), format first.last, standard length,
 * no fallback value; then `over` (the names come per item).
 */
export const usernameParams = (over: IDataObject = {}): IDataObject => ({
	uniquenessCheck: 'jumpCloud',
	authentication: 'apiKey',
	format: 'first.last',
	lengthLimit: 'standard',
	options: {},
	fallbackValue: '',
	...over,
});
