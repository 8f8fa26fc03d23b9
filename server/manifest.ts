import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** manifest.json: what a merchant installs. The server takes its routes from it. */
const path = z.string().regex(/^\/[A-Za-z0-9/_.-]*$/, 'must be an absolute path');
export const manifestSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  version: z.string().min(1),
  description: z.string(),
  appUrl: z.string(),
  lifecycle: z.object({ installed: path, uninstalled: path }),
  webhooks: z.object({ path, topics: z.array(z.string()).min(1) }),
  scopes: z.array(z.string()),
  extensions: z.array(z.object({ point: z.string(), title: z.string(), script: path })),
});
export type Manifest = z.infer<typeof manifestSchema>;

export const manifestFile = new URL('../manifest.json', import.meta.url);

export function loadManifest(appUrl: string): Manifest {
  const raw = readFileSync(manifestFile, 'utf8').replaceAll('${APP_URL}', appUrl);
  return manifestSchema.parse(JSON.parse(raw));
}
