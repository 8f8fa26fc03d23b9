import { z } from 'zod';
import { pageQuery } from './common';

export const auditQuery = pageQuery.extend({ action: z.string().max(60).optional() });

export interface AuditEntry {
  id: number;
  at: number;
  actor: string;
  action: string;
  subject: string | null;
  reason: string | null;
  detail: unknown;
}
