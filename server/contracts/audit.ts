import { z } from 'zod';

export const auditQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  action: z.string().max(60).optional(),
});

export interface AuditEntry {
  id: number;
  at: number;
  actor: string;
  action: string;
  subject: string | null;
  reason: string | null;
  detail: unknown;
}
