/** Services roll up their instances (issue 8). Pure and shared with the UI, so it lives in src/shared. */
export { rollUp, rollUpService, summarize } from '../../shared/rollup'
