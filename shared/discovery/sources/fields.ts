/** Schema pieces the sources' rule-file sections and shard keys share (rule conditions use the same workspace ids). */
import { z } from 'zod';
import { ENV_TYPES } from '../../dataworks';

export const workspaceId = z.number().int().positive();
export const workspaceIds = z.array(workspaceId).min(1).meta({ description: 'DataWorks workspace ids' });
export const envType = z.enum(ENV_TYPES);
