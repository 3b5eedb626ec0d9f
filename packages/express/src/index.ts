export type { ExpressAppLike, Next, RequestMiddleware } from "./use-before-router.js";
export { useBeforeRouter } from "./use-before-router.js";
