import type { Role } from '../../domain/workflows/workflow-definition.js';

/**
 * Posture (issue #15) is a fact of the arrangement both nations live under, and the request
 * clocks it shortens bind both (DESIGN.md: mutual priority support): so the SOSA officers of
 * either nation set it — as either may already mark one request 'emergency' — and both nations'
 * officers see it. Auditors read it like everything of their nation. Every change is audited for
 * both nations and kept in the history.
 */
export const POSTURE_SETTERS: readonly Role[] = ['sosa_officer'];
export const POSTURE_READERS: readonly Role[] = ['sosa_officer', 'auditor'];
