/**
 * Emulator side of the vendor contracts (test/contracts): every API request is checked before it is
 * handled, and a request the real service would refuse gets the vendor's error answer.
 */
import { checkRequest, type Service } from '../contracts';
import { noteContractCheck } from '../contracts/sites';
import { FACTORIAL_KNOWN_VERSIONS } from './constants';
import {
	json,
	type ContractMode,
	type ContractViolation,
	type EmuRequest,
	type EmuResponse,
	type Route,
} from './common';

export interface ContractGuard {
	mode: ContractMode;
	readonly violations: ContractViolation[];
	validate: (req: EmuRequest, r: Route) => EmuResponse | undefined;
}

export function contractGuard(
	service: Service,
	mode: ContractMode | undefined,
	answer: (violations: string[]) => EmuResponse,
): ContractGuard {
	const guard: ContractGuard = {
		mode: mode ?? 'enforce',
		violations: [],
		validate: (req) => {
			if (guard.mode === 'off') return undefined;
			const result = checkRequest(service, {
				method: req.method,
				path: req.path,
				query: req.query,
				body: req.body,
			});
			// Routes the package never calls (no contract entry) are the emulator's own business; a
			// Factorial version the contract has no rules for is refused (the check keys on the version).
			const versionless =
				service === 'factorial' &&
				!!result.unknownVersion &&
				(FACTORIAL_KNOWN_VERSIONS as readonly string[]).includes(result.unknownVersion);
			if (result.operation) noteContractCheck(service, req.method, req.path, result.violations);
			if ((!result.operation && !versionless) || !result.violations.length) return undefined;
			guard.violations.push({
				method: req.method,
				path: req.path,
				operation: result.operation?.id ?? 'version',
				violations: result.violations,
			});
			return guard.mode === 'enforce' ? answer(result.violations) : undefined;
		},
	};
	return guard;
}

/** JumpCloud's 400 shape (a real one: `{"message":"Bad Request: request parameter ..."}`). */
export const jumpCloudContractAnswer = (violations: string[]): EmuResponse =>
	json(400, { message: `Bad Request: ${violations.join('; ')}` });

/** Factorial's 422 shape (`{"errors": [...]}`, as in the SDK's fixtures). */
export const factorialContractAnswer = (violations: string[]): EmuResponse =>
	json(422, { errors: violations });
