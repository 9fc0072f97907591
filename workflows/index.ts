export { contributorWorkflow } from './contributor-workflow';
export { promotionWorkflow } from './promotion-workflow';
export { personalDataRetentionWorkflow } from './retention-workflow';
export { inspectAccessWorkflow, listHoldersWorkflow } from './inspect-access-workflow';
export { accessReconciliationWorkflow } from './reconciliation-workflow';
export { activityReadWorkflow } from './activity-read-workflow';
