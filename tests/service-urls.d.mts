export const TEST_DATABASE_URL: string;
export const TEST_REDIS_URL: string;
export function answers(url: string, timeoutMs?: number): Promise<boolean>;
