/**
 * STS GetCallerIdentity (2015-04-01), which the emulator answers beside DataWorks, so a run learns who it acts
 * as without leaving loopback. Each AccessKey the emulator accepts is someone: the identity its options give,
 * else a RAM user for a plain pair and an assumed role for an STS triple, in the emulated account. The answer's
 * shape is the API reference's (IdentityType Account | RAMUser | AssumedRoleUser, AccountId, UserId for users,
 * RoleId for roles, PrincipalId, Arn); the assumed-role ARN form `acs:ram::<account>:assumed-role/<role>/<session>`
 * is our reading of how STS names a role session.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { STS_VERSION } from '../../shared/identity';
import type { AccessKeyCredential } from '../auth';
import { parseParams } from '../params';
import type { ActionSpec, CallerIdentity } from './context';

/** A stable 16-digit id for a name (the emulated user or role id). */
const idOf = (name: string) => String(createHash('sha256').update(name).digest().readBigUInt64BE() % 10n ** 16n).padStart(16, '2');

export function identityOf(credential: AccessKeyCredential, accountId: string): CallerIdentity {
  const arn = credential.identity?.arn ?? (credential.securityToken ? `acs:ram::${accountId}:assumed-role/emulator-role/emulator-session` : `acs:ram::${accountId}:user/emulator-user`);
  const account = /^acs:ram::(\d+):/.exec(arn)![1];
  const role = /:assumed-role\/([^/]+)\/(.+)$/.exec(arn);
  if (role) {
    const roleId = idOf(`${account}/role/${role[1]}`);
    return { IdentityType: 'AssumedRoleUser', AccountId: account, Arn: arn, RoleId: roleId, PrincipalId: `${roleId}:${role[2]}` };
  }
  if (arn.endsWith(':root')) return { IdentityType: 'Account', AccountId: account, Arn: arn, UserId: account, PrincipalId: account };
  const userId = idOf(arn);
  return { IdentityType: 'RAMUser', AccountId: account, Arn: arn, UserId: userId, PrincipalId: userId };
}

export const getCallerIdentity: ActionSpec = {
  version: STS_VERSION,
  handle(ctx) {
    parseParams(z.object({}).strict(), ctx.params);
    return { ...ctx.identity };
  },
};
