/**
 * JumpCloud-shaped IDs for tests: 24 hexadecimal characters, like the Mongo ObjectIds JumpCloud and its
 * emulator hand out. User and group locators in ID mode accept nothing else, so a test that types an ID
 * uses these: users start with 5f, groups with 6a, and the last digits say which one (U1, G3, …).
 */
const jumpCloudId = (prefix: string, n: number): string =>
	prefix + n.toString(16).padStart(22, '0');

export const U1 = jumpCloudId('5f', 1);
export const U2 = jumpCloudId('5f', 2);
export const U5 = jumpCloudId('5f', 5);
export const U9 = jumpCloudId('5f', 9);

export const G1 = jumpCloudId('6a', 1);
export const G2 = jumpCloudId('6a', 2);
export const G3 = jumpCloudId('6a', 3);
export const G4 = jumpCloudId('6a', 4);
export const G9 = jumpCloudId('6a', 9);
