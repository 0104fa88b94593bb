import { CODE_OF_CONDUCT_WORKFLOW } from './code-of-conduct-workflow.js';
import { DPAS_WORKFLOW } from './dpas-workflow.js';
import type { WorkflowDefinition } from './workflow-definition.js';

export const BUILT_IN_WORKFLOWS: readonly WorkflowDefinition[] = [DPAS_WORKFLOW, CODE_OF_CONDUCT_WORKFLOW];
