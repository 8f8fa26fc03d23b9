export { createFaultController } from './controller';
export { parseFaultEnv } from './parse-env';
export { faultMiddleware, type FaultMiddlewareOptions } from './middleware';
export { faultAdminRoutes } from './admin-routes';
export { sageErrorBody, clarityErrorBody, codeForStatus } from './error-bodies';
export { FaultConfigError, validateFaultInput } from './schema';
export { matchesRule } from './match';
export type { FaultConfig, FaultConfigInput, FaultController, FaultRoute, ErrorBodyFactory } from './types';
