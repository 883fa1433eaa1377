import { createLoaders, type LoaderOptions, type Loaders } from './job-loaders.ts';

/**
 * The baseline the bench measures the loaders against (DATALOADER=false): what resolvers calling REST
 * directly would do. Every load runs on loaders of its own, so nothing is batched, deduped or remembered
 * between fields: the same job asked five times is five GETs, and a listed job is fetched again by id.
 */
export function createNaiveLoaders(options: LoaderOptions): Loaders {
  const fresh = () => createLoaders(options);
  return {
    job: { load: (key) => fresh().job.load(key) },
    jobWindow: { load: (key) => fresh().jobWindow.load(key) },
    run: { load: (key) => fresh().run.load(key) },
    runWindow: { load: (key) => fresh().runWindow.load(key) },
  };
}
