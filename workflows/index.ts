export { contributorWorkflow } from './contributor-workflow';
export { promotionWorkflow } from './promotion-workflow';
