import { builder } from './builder.ts';
import './scalars.ts';
import './enums.ts';
import './step.ts';
import './runner.ts';
import './job.ts';
import './workflow-run.ts';
import './node.ts';
import './rate-limit.ts';

builder.queryType({ description: 'GitHub Actions workflow jobs, over the REST API, as one graph.' });

export const schema = builder.toSchema({ sortSchema: true });
