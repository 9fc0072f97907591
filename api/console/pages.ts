import type { FastifyInstance } from 'fastify';
import { arbitrationPages } from './arbitration';
import { auditPages } from './audit';
import { boardPages } from './board';
import { contributorPages } from './contributor';
import { homePage } from './home';
import { pipelinePages } from './pipeline';
import { staffPages } from './staff';
import { statsPages } from './stats';
import { teamPages } from './team';

/** Every page of the console behind sign-in. */
export async function consolePages(app: FastifyInstance): Promise<void> {
  await app.register(homePage);
  await app.register(pipelinePages);
  await app.register(teamPages);
  await app.register(contributorPages);
  await app.register(boardPages);
  await app.register(arbitrationPages);
  await app.register(auditPages);
  await app.register(statsPages);
  await app.register(staffPages);
}
