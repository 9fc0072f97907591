export { contributorWorkflow } from './contributor-workflow';
