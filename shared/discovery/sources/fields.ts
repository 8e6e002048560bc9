/**
 * Schema pieces the sources' rule-file sections and shard keys share (rule conditions use the same workspace ids),
 * and the shape of a MaxCompute project name, which asset names typed by people use too.
 */
import { z } from 'zod';
import { ENV_TYPES } from '../../dataworks';

export const workspaceId = z.number().int().positive();
export const workspaceIds = z.array(workspaceId).min(1).meta({ description: 'DataWorks workspace ids' });
export const envType = z.enum(ENV_TYPES);

/** MaxCompute project names: 3-28 letters, digits and "_", starting with a letter. */
export const MAXCOMPUTE_PROJECT = /^[A-Za-z][A-Za-z0-9_]{2,27}$/;
