// The configuration lives in tools/lint (see there): its plugins are installed in that workspace.
export { default } from './tools/lint/eslint.config.js';
