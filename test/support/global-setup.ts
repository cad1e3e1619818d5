import { buildFunctions } from '../../scripts/build-functions';

/** Function tests run the real bundles, exactly what would be deployed. */
export default async function globalSetup(): Promise<void> {
  await buildFunctions();
}
